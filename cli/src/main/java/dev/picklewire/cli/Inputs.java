package dev.picklewire.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading the FILE arguments: a path, or {@code -} for standard input (named {@code <stdin>} as Python does). */
final class Inputs {
    private Inputs() {
    }

    /** Python's name for the file, as {@code argparse.FileType} gives it. */
    static String displayName(String arg) {
        return arg.equals("-") ? "<stdin>" : arg;
    }

    /** All bytes of the file (or of stdin for {@code -}). Never closes stdin. */
    static byte[] readAll(String arg, InputStream stdin) throws IOException {
        return arg.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(arg));
    }

    /** An opened stream for the file (stdin is wrapped so closing it leaves System.in open). */
    static InputStream open(String arg, InputStream stdin) throws IOException {
        if (arg.equals("-")) {
            return new java.io.FilterInputStream(stdin) {
                @Override
                public void close() {
                    // not ours to close
                }
            };
        }
        return Files.newInputStream(Path.of(arg));
    }

    /** One line about an I/O failure: "No such file or directory" and the like, without a stack trace. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
