package io.dbwarden.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbwarden.alert.LabelSet;
import io.dbwarden.cel.RuleCompiler;
import io.dbwarden.cel.RuleEvaluationException;
import io.dbwarden.check.Check;
import io.dbwarden.check.CheckLoader;
import io.dbwarden.check.Severity;
import io.dbwarden.target.Dsn;
import io.dbwarden.target.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final CheckLoader LOADER = new CheckLoader(new RuleCompiler());
    private static final Evaluator EVALUATOR = new Evaluator();

    private static Check check(String summary, String rule, String key) throws Exception {
        return LOADER.load("hba.yaml", """
                name: pg_hba_trust
                engine: postgresql
                category: security
                severity: warning
                summary: "%s"
                description: "d"
                remediation: "r"
                queries:
                  rules: SELECT 1 AS line
                rule: "%s"
                %s
                """.formatted(summary, rule, key));
    }

    private static Target target() throws Exception {
        return new Target("prod-pg", Dsn.parse("postgresql://db1/postgres"), Map.of("env", "prod", "team", "dba"));
    }

    private static List<Finding> evaluate(Check check, List<Map<String, Object>> rows) throws Exception {
        return EVALUATOR.evaluate(check, target(), Map.of("rules", rows));
    }

    private static final List<Map<String, Object>> ROWS = List.of(
            Map.of("line", 2L, "share", 0.25, "trusted", true, "file", "pg_hba.conf"));

    @Test
    void keepsTheTypesTheRuleGaveEachField() throws Exception {
        Check check = check("s", "rules.map(r, {'line': r.line, 'share': r.share, 'trusted': r.trusted,"
                + " 'note': null, 'tags': ['a', 1], 'small': 1u, 'bytes': b'\\\\x00\\\\xff'})", "key: [line]");

        Map<String, Object> fields = evaluate(check, ROWS).getFirst().fields();

        assertThat(fields.get("line")).isEqualTo(2L);
        assertThat(fields.get("share")).isEqualTo(0.25);
        assertThat(fields.get("trusted")).isEqualTo(true);
        assertThat(fields).containsEntry("note", null);
        assertThat(fields.get("tags")).isEqualTo(List.of("a", 1L));
        assertThat(fields.get("small")).as("uint").isEqualTo(1L);
        assertThat(fields.get("bytes")).as("bytes as hex").isEqualTo("00ff");
    }

    @Test
    void fillsTemplatesWithTheFieldsAsMessagesShowThem() throws Exception {
        Check check = check("{{file}} line {{line}} ({{share}}, {{note}}) on {{target}}",
                "rules.map(r, {'line': r.line, 'share': r.share, 'file': r.file, 'note': null})", "key: [line]");

        Finding finding = evaluate(check, ROWS).getFirst();

        assertThat(finding.summary()).isEqualTo("pg_hba.conf line 2 (0.25, ) on prod-pg");
        assertThat(finding.texts()).containsEntry("line", "2").containsEntry("note", "");
    }

    @Test
    void labelsAFindingWithTheFixedLabelsTheTargetsLabelsAndItsKeyFieldsAsText() throws Exception {
        Check check = check("s", "rules.map(r, {'file': r.file, 'line': r.line, 'share': r.share})", "key: [file, line]");

        Finding finding = evaluate(check, ROWS).getFirst();

        Map<String, String> expected = Map.of("alertname", "pg_hba_trust", "severity", "warning",
                "service_name", "prod-pg", "engine", "postgresql", "category", "security", "dbwarden_check", "1",
                "env", "prod", "team", "dba", "file", "pg_hba.conf", "line", "2");
        assertThat(finding.labels().asMap()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(finding.fingerprint()).isEqualTo(LabelSet.of(expected).fingerprint());
        assertThat(finding.object()).isEqualTo("file=pg_hba.conf, line=2");
    }

    @Test
    void keepsTheSameFingerprintWhenOnlyAFigureOutsideTheKeyChanges() throws Exception {
        Check check = check("s", "rules.map(r, {'line': r.line, 'share': r.share})", "key: [line]");
        Map<String, Object> later = new HashMap<>(ROWS.getFirst());
        later.put("share", 0.75);

        Finding before = evaluate(check, ROWS).getFirst();
        Finding after = evaluate(check, List.of(later)).getFirst();

        assertThat(after.fields().get("share")).isEqualTo(0.75);
        assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
    }

    @Test
    void aSeverityFieldOverridesTheChecksSeverityAndItsLabel() throws Exception {
        Check check = check("s", "rules.map(r, {'line': r.line, 'severity': 'critical'})", "key: [line]");

        Finding finding = evaluate(check, ROWS).getFirst();

        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.labels().get("severity")).contains("critical");
        assertThat(finding.fields()).doesNotContainKey("severity");
    }

    @Test
    void aBoolRuleGivesOneServerWideFindingLabelledWithoutKeyFields() throws Exception {
        Check check = check("s", "size(rules) > 0", "");

        Finding finding = evaluate(check, ROWS).getFirst();

        assertThat(finding.fields()).isEmpty();
        assertThat(finding.labels().asMap()).containsOnlyKeys("alertname", "severity", "service_name", "engine",
                "category", "dbwarden_check", "env", "team");
    }

    @Test
    void aKeylessRuleWhoseRowsCarryAFieldThatCannotBeALabelFailsSayingWhy() throws Exception {
        Check check = check("s", "rules", "");

        assertThatThrownBy(() -> evaluate(check, List.of(Map.of("count(*)", 3L))))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessage("field 'count(*)' identifies the finding, so it becomes an alert label, but label names must"
                        + " match [a-zA-Z_][a-zA-Z0-9_]*: rename it in the rule (or with AS in the query), or list the"
                        + " identifying fields in 'key'");
    }
}
