package dev.picklewire.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code picklewire} command: a picocli top command whose work is done by its subcommands.
 *
 * <pre>
 * picklewire dis FILE...      like python -m pickletools FILE...
 * picklewire show FILE...     like python -m pickle FILE...
 * picklewire dump LITERAL     a Python literal to pickle bytes
 * </pre>
 *
 * <p>Exit codes: 0 success, 1 bad input (one line on stderr naming the file and the problem), 2 usage.
 * {@link #run} returns the code and never calls {@code System.exit}; only {@link #main} does. A subcommand
 * reaches the streams through {@code @ParentCommand Main main} and {@link #out()} / {@link #err()}.
 * One instance per run; not thread-safe.
 */
@Command(name = "picklewire", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Send, receive and look inside Python pickles.",
        subcommands = {ShowCommand.class, DisCommand.class, DumpCommand.class})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Exit code for bad input (a broken pickle, a missing file, a bad literal). */
    public static final int BAD_INPUT = 1;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line {@code args}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Main main = new Main();
        main.out = out;
        main.err = err;
        CommandLine cl = new CommandLine(main);
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("picklewire: " + e);  // a bug, not bad input: say what it was, one line
            return BAD_INPUT;
        });
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        out.flush();
        return code;
    }

    /** Without a subcommand: the usage text on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** Where subcommands write their results (raw bytes for {@code dump}, UTF-8 text otherwise). */
    public PrintStream out() {
        return out;
    }

    /** Where subcommands write their one-line complaints. */
    public PrintStream err() {
        return err;
    }

    /** Prints {@code picklewire <command>: <what>: <problem>} on stderr and returns {@link #BAD_INPUT}. */
    int fail(String command, String what, String problem) {
        err.println("picklewire " + command + ": " + what + ": " + problem);
        err.flush();
        return BAD_INPUT;
    }
}
