package io.candlekeep.app.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One answer of {@code /actuator/prometheus} in the Prometheus text format, read into its samples. */
record PrometheusScrape(List<Sample> samples) {

    /** {@code name{label="value",...} value}, the labels' values without escapes (none of ours have any). */
    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)(?: \\S+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("Not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return new PrometheusScrape(List.copyOf(samples));
    }

    /** Every sample name, {@code _bucket}, {@code _count} and {@code _sum} of histograms included. */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /** The samples of {@code name} whose labels include {@code labels} ({@code key, value, key, value, ...}). */
    List<Sample> find(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name) && hasLabels(s, labels)).toList();
    }

    /** The value of the one sample of {@code name} with {@code labels}; fails when there is none or several. */
    double value(String name, String... labels) {
        List<Sample> found = find(name, labels);
        if (found.size() != 1) {
            throw new AssertionError("Expected one sample " + name + " " + List.of(labels) + ", found " + found);
        }
        return found.getFirst().value();
    }

    private static boolean hasLabels(Sample sample, String[] labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
