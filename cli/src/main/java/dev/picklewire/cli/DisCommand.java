package dev.picklewire.cli;

import dev.picklewire.DisassemblyException;
import dev.picklewire.Disassembler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code picklewire dis}: {@code python -m pickletools} with the same flags and the same text. Each FILE's
 * first pickle is disassembled; with several files each gets the preamble line, and {@code -m} keeps the
 * memo from one file to the next. On a broken pickle the text printed so far stays on stdout (as Python's
 * does), and stderr gets one line with pickletools' complaint; the remaining files are not read.
 */
@Command(name = "dis", mixinStandardHelpOptions = true,
        description = "Disassemble pickle files, as python -m pickletools does.")
final class DisCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "pickle files; - reads standard input")
    private List<String> files;

    @Option(names = {"-o", "--output"}, paramLabel = "OUTPUT", description = "the file where the output should be written")
    private Path output;

    @Option(names = {"-m", "--memo"}, description = "preserve memo between disassemblies")
    private boolean memo;

    @Option(names = {"-l", "--indentlevel"}, paramLabel = "INDENTLEVEL", defaultValue = "4",
            description = "the number of blanks by which to indent a new MARK level")
    private int indentLevel;

    @Option(names = {"-a", "--annotate"}, description = "annotate each line with a short opcode description")
    private boolean annotate;

    @Option(names = {"-p", "--preamble"}, paramLabel = "PREAMBLE", defaultValue = "==> {name} <==",
            description = "if more than one pickle file is specified, print this before each disassembly")
    private String preamble;

    @Override
    public Integer call() throws IOException {
        OutputStream sink = output == null ? main.out() : Files.newOutputStream(output);
        Writer out = new OutputStreamWriter(sink, StandardCharsets.UTF_8);
        try {
            return disAll(out);
        } finally {
            out.flush();
            if (output != null) {
                out.close();
            }
        }
    }

    private int disAll(Writer out) throws IOException {
        // pickletools' -a passes 30 as the column hint
        // the text streams out rather than piling up, so no output cap: the same text as Python, however long
        Disassembler dis = Disassembler.builder().indentLevel(indentLevel).annotate(annotate ? 30 : 0)
                .maxOutput(Long.MAX_VALUE).build();
        Disassembler.Memo shared = new Disassembler.Memo();
        for (String file : files) {
            if (files.size() > 1) {
                out.write(preamble(Inputs.displayName(file)) + "\n");
            }
            int code = disOne(dis, file, out, memo ? shared : new Disassembler.Memo());
            if (code != 0) {
                return code;
            }
        }
        return 0;
    }

    /** The preamble as Python's {@code str.format(name=...)} renders it: {name} filled in, {{ and }} halved. */
    private String preamble(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < preamble.length(); i++) {
            if (preamble.startsWith("{name}", i)) {
                out.append(name);
                i += "{name}".length() - 1;
            } else if (preamble.startsWith("{{", i) || preamble.startsWith("}}", i)) {
                out.append(preamble.charAt(i++));
            } else {
                out.append(preamble.charAt(i));
            }
        }
        return out.toString();
    }

    private int disOne(Disassembler dis, String file, Writer out, Disassembler.Memo memo) throws IOException {
        byte[] data;
        try {
            data = Inputs.readAll(file, System.in);
        } catch (IOException e) {
            return main.fail("dis", Inputs.displayName(file), Inputs.describe(e));
        }
        try {
            dis.disassemble(data, 0, data.length, out, memo);
            return 0;
        } catch (DisassemblyException e) {
            out.flush();
            String type = e.pythonType() == null ? "" : e.pythonType() + ": ";
            return main.fail("dis", Inputs.displayName(file), type + e.getMessage());
        }
    }
}
