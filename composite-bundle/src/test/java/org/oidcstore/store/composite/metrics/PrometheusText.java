package org.oidcstore.store.composite.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of the Prometheus text exposition (simpleclient 0.0.4 format). */
public final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)}\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;

    public PrometheusText(String text) {
        this.text = text;
    }

    /** The value of the sample {@code name} whose labels include all of {@code labels}; 0 when absent. */
    public double value(String name, Map<String, String> labels) {
        double sum = 0;
        int found = 0;
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> actual = labels(m.group(2));
            if (actual.entrySet().containsAll(labels.entrySet())) {
                sum += Double.parseDouble(m.group(3));
                found++;
            }
        }
        if (found > 1) {
            throw new AssertionError("labels " + labels + " match " + found + " samples of " + name);
        }
        return sum;
    }

    /** One sample line: its name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** Every sample with labels whose name starts with {@code prefix}, in the order printed. */
    public java.util.List<Sample> samples(String prefix) {
        java.util.List<Sample> out = new java.util.ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (m.matches() && m.group(1).startsWith(prefix)) {
                out.add(new Sample(m.group(1), labels(m.group(2)), Double.parseDouble(m.group(3))));
            }
        }
        return out;
    }

    /** The label names of the samples of {@code name}, as printed on its first sample. */
    public Map<String, String> firstLabels(String name) {
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (m.matches() && m.group(1).equals(name)) {
                return labels(m.group(2));
            }
        }
        throw new AssertionError("no sample of " + name + " in:\n" + text);
    }

    private static Map<String, String> labels(String s) {
        Map<String, String> out = new TreeMap<>();
        Matcher m = LABEL.matcher(s);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
