package io.candlekeep.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboard is a well-formed dashboard on a Prometheus data source chosen at import ({@code
 * DS_PROMETHEUS}), every panel queries Candlekeep's metrics, and the README documents each metric it reads.
 * {@code PrometheusIntegrationTest} checks that the service exports them.
 */
final class GrafanaDashboardTest {

    private static final String DATASOURCE = "${DS_PROMETHEUS}";

    @Test
    void dashboard_isWellFormed_withThePrometheusDatasourceVariable() {
        JsonNode dashboard = GrafanaDashboard.read();

        assertThat(dashboard.path("title").asString()).isEqualTo("Candlekeep");
        assertThat(dashboard.path("uid").asString()).isNotBlank();
        JsonNode variable = dashboard.path("templating").path("list").get(0);
        assertThat(variable.path("name").asString()).isEqualTo("DS_PROMETHEUS");
        assertThat(variable.path("type").asString()).isEqualTo("datasource");
        assertThat(variable.path("query").asString()).isEqualTo("prometheus");
    }

    @Test
    void panels_eachQueryCandlekeepMetricsOnTheDatasourceVariable() {
        JsonNode dashboard = GrafanaDashboard.read();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id %s is unique", panel.path("id")).isTrue();
        }
        assertThat(GrafanaDashboard.panels(dashboard)).hasSizeGreaterThanOrEqualTo(12);
        for (JsonNode panel : GrafanaDashboard.panels(dashboard)) {
            String title = panel.path("title").asString();
            assertThat(panel.path("datasource").path("uid").asString()).as(title).isEqualTo(DATASOURCE);
            assertThat(panel.path("gridPos").path("w").asInt()).as("width of %s", title).isBetween(1, 24);
            assertThat(panel.get("targets")).as("targets of %s", title).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                assertThat(target.path("datasource").path("uid").asString()).as(title).isEqualTo(DATASOURCE);
                assertThat(target.path("expr").asString()).as("query of %s", title).containsPattern(
                        GrafanaDashboard.METRIC);
            }
        }
    }

    @Test
    void metrics_theDashboardReads_areDocumentedInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        for (String metric : GrafanaDashboard.metrics(GrafanaDashboard.read())) {
            String family = metric.replaceFirst("_(bucket|count|sum)$", "");
            assertThat(readme).as("README documents %s", family).contains("`" + family);
        }
    }
}
