package io.dbwarden.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.dbwarden.testing.AlertmanagerServer;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our fingerprints are the real Alertmanager's: label sets are posted to a private Alertmanager (Debian
 * prometheus-alertmanager) and the fingerprint it reports for each is compared with ours.
 */
class AlertmanagerFingerprintTest {

    /** Escapes non-ASCII as \\uXXXX, so an unpaired surrogate reaches Alertmanager as the JSON escape it is. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private static AlertmanagerServer alertmanager;
    /** Alertmanager's fingerprint of every alert it holds, by its labels. */
    private static Map<Map<String, String>, String> received;

    record Case(String name, Map<String, String> posted) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        Map<String, String> many = new LinkedHashMap<>();
        IntStream.range(0, 120).forEach(i -> many.put("label_" + i, "value " + i));
        Map<String, String> emptyValues = new LinkedHashMap<>();
        emptyValues.put("alertname", "empty_values");
        emptyValues.put("user", "");
        emptyValues.put("host", "%");
        emptyValues.put("database", "");
        return List.of(
                new Case("a finding's label set", AlertLabels.of("postgresql_fdw_password_not_required", "warning",
                        "prod-pg:5432", "postgresql", "security", Map.of("env", "prod", "team", "dba"),
                        Map.of("database", "shop", "user", "app", "server", "remote")).asMap()),
                new Case("a clash kept as exported_ labels", AlertLabels.of("clash", "error", "db1", "mysql", "security",
                        Map.of("severity", "low", "env", "prod"), Map.of("env", "dev", "line", "2")).asMap()),
                new Case("Unicode in values", Map.of("alertname", "unicode", "user", "Zoë", "comment", "日本語のユーザー",
                        "emoji", "🔥 \uD83D\uDE80", "combining", "e\u0301", "latin1", "ÿ\u00ff", "rtl", "שלום")),
                new Case("control characters, quotes and backslashes in values", Map.of("alertname", "controls",
                        "value", "a\tb\nc\u0000d\u007f\"q\" \\ {{x}}")),
                new Case("an unpaired surrogate, which Alertmanager reads as U+FFFD", Map.of("alertname", "surrogate",
                        "broken", "x\uD800y")),
                new Case("empty values, which mean absent labels", emptyValues),
                new Case("a single label", Map.of("alertname", "single")),
                new Case("names that sort differently by case and underscore", Map.of("Zeta", "1", "_under", "2",
                        "alpha", "3", "a1", "4", "a_", "5", "A", "6", "alertname", "sorting")),
                new Case("long values", Map.of("alertname", "long", "sql", "SELECT 1; ".repeat(2000))),
                new Case("120 labels", many));
    }

    @BeforeAll
    static void postEveryLabelSet() throws Exception {
        assumeTrue(AlertmanagerServer.isInstalled(), AlertmanagerServer.BINARY
                + " is not installed (Debian package prometheus-alertmanager): skipping the fingerprint comparison");
        alertmanager = AlertmanagerServer.start();
        ArrayNode alerts = JSON.createArrayNode();
        for (Case c : cases()) {
            alerts.addObject().set("labels", JSON.valueToTree(c.posted()));
        }
        HttpResponse<String> posted = alertmanager.post("/api/v2/alerts", JSON.writeValueAsString(alerts));
        assertThat(posted.statusCode()).as("POST /api/v2/alerts: %s", posted.body()).isEqualTo(200);

        HttpResponse<String> listed = alertmanager.get("/api/v2/alerts");
        assertThat(listed.statusCode()).isEqualTo(200);
        received = new LinkedHashMap<>();
        for (JsonNode alert : JSON.readTree(listed.body())) {
            Map<String, String> labels = new TreeMap<>();
            alert.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            received.put(labels, alert.get("fingerprint").asText());
        }
        assertThat(received).as("one alert per label set").hasSize(cases().size());
    }

    @AfterAll
    static void stop() {
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fingerprintsALabelSetAsAlertmanagerDoes(Case c) {
        LabelSet ours = LabelSet.of(c.posted());

        assertThat(received).as("Alertmanager holds an alert with exactly our labels %s", ours)
                .containsKey(ours.asMap());
        assertThat(ours.fingerprint().toString()).isEqualTo(received.get(ours.asMap()));
    }

    @Test
    void readsBackTheFingerprintsItPrints() {
        received.values().forEach(hex -> assertThat(Fingerprint.parse(hex).toString()).isEqualTo(hex));
    }
}
