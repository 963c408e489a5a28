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
 * The {@code picklewire} command: {@code serve}, {@code connect} and {@code demo} (the tutorial's server and
 * client, from Java), with the other subcommands added by their own issues.
 *
 * <p>{@link #run(String[], PrintStream, PrintStream)} returns the exit code and never calls
 * {@code System.exit}, so tests drive it with in-memory streams; only {@link #main(String[])} exits.
 * Exit codes: 0 success, 1 failure (for example a refused connection), 2 bad usage.
 */
@Command(name = "picklewire", mixinStandardHelpOptions = true, version = "picklewire 0.1.0",
        description = "Send and receive Python objects (pickle) over sockets.",
        subcommands = {ServeCommand.class, ConnectCommand.class, DemoCommand.class})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code and never calls {@code System.exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("picklewire " + line.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
