package dev.picklewire.cli;

import java.io.OutputStreamWriter;
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
 * picklewire serve / connect / demo   the tutorial's server and client, from Java
 * picklewire dis FILE...              like python -m pickletools FILE...
 * picklewire show FILE...             like python -m pickle FILE...
 * picklewire dump LITERAL             a Python literal to pickle bytes
 * </pre>
 *
 * <p>Exit codes: 0 success, 1 bad input or failure (one line on stderr naming the file or peer and the
 * problem), 2 usage. {@link #run} returns the code and never calls {@code System.exit}; only {@link #main}
 * does, so tests drive it with in-memory streams. A subcommand reaches the raw streams through
 * {@code @ParentCommand Main main} and {@link #out()} / {@link #err()}, or picocli's writers through its
 * spec. One instance per run; not thread-safe.
 */
@Command(name = "picklewire", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Send, receive and look inside Python objects (pickle), over sockets and in files.",
        subcommands = {ServeCommand.class, ConnectCommand.class, DemoCommand.class,
            ShowCommand.class, DisCommand.class, DumpCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit code for bad input (a broken pickle, a missing file, a bad literal) and failures. */
    public static final int BAD_INPUT = 1;

    @Spec
    CommandSpec spec;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line {@code args}; returns the exit code and never calls {@code System.exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Main main = new Main();
        main.out = out;
        main.err = err;
        CommandLine cl = new CommandLine(main);
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("picklewire " + line.getCommandName() + ": " + e.getMessage());
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
