package dev.picklewire.cli;

import dev.picklewire.Pickle;
import dev.picklewire.PickleException;
import dev.picklewire.PyLiteral;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code picklewire dump}: a Python literal (as {@code ast.literal_eval} reads it) pickled to stdout or a file,
 * byte for byte what {@code pickle.dumps(value, protocol)} writes in CPython.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Pickle a Python literal, e.g. \"{1: 'hi', 2: 'there'}\".")
final class DumpCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "LITERAL", description = "a Python literal")
    private String literal;

    @Option(names = "--protocol", paramLabel = "N", description = "pickle protocol 0..5 (default: ${DEFAULT-VALUE})")
    private int protocol = Pickle.DEFAULT_PROTOCOL;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the pickle here instead of stdout")
    private Path output;

    @Override
    public Integer call() {
        if (protocol < 0 || protocol > Pickle.HIGHEST_PROTOCOL) {
            throw new ParameterException(spec.commandLine(),
                    "--protocol must be 0.." + Pickle.HIGHEST_PROTOCOL + ", not " + protocol);
        }
        byte[] data;
        try {
            data = Pickle.dumps(PyLiteral.parse(literal), protocol);
        } catch (PickleException e) {
            return main.fail("dump", "LITERAL", e.getMessage());
        }
        return write(data);
    }

    private int write(byte[] data) {
        if (output == null) {
            main.out().write(data, 0, data.length);
            main.out().flush();
            return 0;
        }
        try {
            Files.write(output, data);
            return 0;
        } catch (IOException e) {
            return main.fail("dump", output.toString(), Inputs.describe(e));
        }
    }
}
