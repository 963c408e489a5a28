package dev.picklewire.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fuzzer's inputs on disk: the seed corpus ({@code fuzz/seeds/seeds.hex}, written by
 * {@code tools/fuzz/make_seeds.py}) and the regression inputs ({@code fuzz/regressions/*.hex}, one input per
 * file, kept from earlier findings). Both are lines of {@code name hex}; {@code #} starts a comment line.
 */
final class FuzzCorpus {
    /** One named input. */
    record Entry(String name, byte[] data) {
    }

    private FuzzCorpus() {
    }

    static List<Entry> seeds() {
        return parse(resource("/fuzz/seeds/seeds.hex"));
    }

    static List<Entry> regressions() {
        URL dir = FuzzCorpus.class.getResource("/fuzz/regressions");
        if (dir == null) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".hex")).sorted().toList()) {
                out.addAll(parse(Files.newInputStream(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static InputStream resource(String name) {
        InputStream in = FuzzCorpus.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name + " (run tools/fuzz/make_seeds.py)");
        }
        return in;
    }

    private static List<Entry> parse(InputStream in) {
        List<Entry> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int sp = line.indexOf(' ');
                String hex = sp < 0 ? "" : line.substring(sp + 1).strip();
                out.add(new Entry(sp < 0 ? line : line.substring(0, sp), HexFormat.of().parseHex(hex)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
