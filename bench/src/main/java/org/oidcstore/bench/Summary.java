package org.oidcstore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Headline rows for the summary table at the top of the results file: one Markdown table row per
 * ratio, appended to {@code <out>/<case>.summary}; {@code run.sh} puts the rows of every case under
 * one header.
 */
final class Summary {
    private Summary() {
    }

    static void row(String caseName, String what, String target, String measured, String verdict) {
        Path file = Bench.OUT.resolve(caseName + ".summary");
        String line = "| " + what + " | " + target + " | " + measured + " | " + verdict + " |\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void reset(String caseName) {
        try {
            Files.deleteIfExists(Bench.OUT.resolve(caseName + ".summary"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "meets" / "misses" against a lower bound. */
    static String atLeast(double value, double bound) {
        return value >= bound ? "meets" : "**misses**";
    }

    static String atMost(double value, double bound) {
        return value <= bound ? "meets" : "**misses**";
    }
}
