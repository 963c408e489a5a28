package dev.picklewire.cli;

import java.io.PrintStream;

/** The {@code picklewire} command. PLACEHOLDER until the CLI issue lands. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code and never calls {@code System.exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("picklewire: not written yet");
        return 2;
    }
}
