package io.candlekeep.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, when it is installed, as a second load generator written outside the JVM: if its figures agree with the
 * Java driver's, neither generator's own cost dominates. Optional: the drivers work without it.
 */
final class Wrk {

    /** What one wrk run reported; latencies in microseconds. */
    record Result(String name, int connections, int seconds, double p50, double p90, double p99, double perSecond,
            String output) {

        String row() {
            return String.format(Locale.ROOT, "| %-44s | %2d | %5d s | %8.1f | %8.1f | %8.1f | %9.0f |", name, connections,
                    seconds, p50, p90, p99, perSecond);
        }

        static String header() {
            return "| what (wrk)                                   |  c |  time   | p50 µs   | p90 µs   | p99 µs   | req/s     |\n"
                 + "|----------------------------------------------|----|---------|----------|----------|----------|-----------|";
        }
    }

    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private Wrk() {
    }

    /** Whether {@code wrk} can be started from the PATH. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs wrk for {@code seconds} with {@code connections} keep-alive connections on at most two threads. */
    static Optional<Result> run(String name, String url, int connections, int seconds) throws IOException,
            InterruptedException {
        return run(name, url, connections, seconds, List.of("Authorization: " + RunningService.AUTHORIZATION));
    }

    /** As {@link #run(String, String, int, int)}, sending {@code headers} ({@code "Name: value"}) with each request. */
    static Optional<Result> run(String name, String url, int connections, int seconds, List<String> headers)
            throws IOException, InterruptedException {
        int threads = Math.min(connections, 2);
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency"));
        headers.forEach(h -> {
            command.add("-H");
            command.add(h);
        });
        command.add(url);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            System.err.println("wrk failed for " + url + ":\n" + out);
            return Optional.empty();
        }
        double[] percentiles = new double[3];
        Matcher m = PERCENTILE.matcher(out);
        while (m.find()) {
            double v = Double.parseDouble(m.group(2)) * switch (m.group(3)) {
                case "us" -> 1.0;
                case "ms" -> 1_000.0;
                default -> 1_000_000.0;
            };
            switch (m.group(1)) {
                case "50" -> percentiles[0] = v;
                case "90" -> percentiles[1] = v;
                default -> percentiles[2] = v;
            }
        }
        Matcher rate = RATE.matcher(out);
        double perSecond = rate.find() ? Double.parseDouble(rate.group(1)) : Double.NaN;
        if (out.contains("Non-2xx")) {
            System.err.println("wrk saw non-2xx answers for " + url + ":\n" + out);
        }
        return Optional.of(new Result(name, connections, seconds, percentiles[0], percentiles[1], percentiles[2],
                perSecond, out));
    }
}
