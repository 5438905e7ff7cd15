package io.candlekeep.app.metrics;

import io.candlekeep.app.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** {@code docs/grafana-candlekeep.json} as the tests read it: its panels, and the queries of their targets. */
final class GrafanaDashboard {

    /** The tests run in the module's folder; the docs are beside it at the repository's root. */
    static final Path FILE = Path.of("..", "docs", "grafana-candlekeep.json");
    static final Pattern METRIC = Pattern.compile("candlekeep_[a-z0-9_]+");

    private GrafanaDashboard() {
    }

    static JsonNode read() {
        try {
            return ApiClient.parse(Files.readString(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + FILE.toAbsolutePath(), e);
        }
    }

    /** The panels that show data, rows left out. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            if (!"row".equals(panel.path("type").asString())) {
                panels.add(panel);
            }
        }
        return panels;
    }

    /** The {@code expr} of every target of every panel. */
    static List<String> queries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.get("targets")) {
                queries.add(target.path("expr").asString(""));
            }
        }
        return queries;
    }

    /** The {@code candlekeep_*} series the queries read. */
    static Set<String> metrics(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        for (String query : queries(dashboard)) {
            Matcher m = METRIC.matcher(query);
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }
}
