package io.dbwarden.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleCompilerTest {

    private static final RuleCompiler COMPILER = new RuleCompiler();

    @Test
    void aRuleKnowsWhichBuiltInFactsItReads() throws Exception {
        CompiledRule rule = COMPILER.compile("variables.a > 1 && host.memory > status.b", List.of("rows"));
        assertThat(rule.facts()).containsExactlyInAnyOrder(BuiltinFact.VARIABLES, BuiltinFact.HOST, BuiltinFact.STATUS);
        assertThat(rule.shape()).isEqualTo(CompiledRule.Shape.BOOL);
    }

    @Test
    void queriesAreListsOfRowsAndMapLiteralKeysAreTheFindingFields() throws Exception {
        CompiledRule rule = COMPILER.compile("rows.filter(r, r.n > 1).map(r, {'name': r.name, 'n': r.n})", List.of("rows"));
        assertThat(rule.shape()).isEqualTo(CompiledRule.Shape.LIST);
        assertThat(rule.outputKeys()).containsExactlyInAnyOrder("name", "n");
        Object out = rule.evaluate(Map.of("rows", List.of(Map.of("name", "a", "n", 1L), Map.of("name", "b", "n", 2L))));
        assertThat(out).isEqualTo(List.of(Map.of("name", "b", "n", 2L)));
    }

    @Test
    void intsAndDoublesCompareWithoutConversion() throws Exception {
        CompiledRule rule = COMPILER.compile("variables.x > 0.5", List.of());
        assertThat(rule.evaluate(Map.of("variables", Map.of("x", 1L)))).isEqualTo(true);
    }

    @Test
    void aRuntimeFailureIsAnEvaluationErrorWithTheCause() throws Exception {
        CompiledRule rule = COMPILER.compile("variables.x / 0 > 1", List.of());
        assertThatThrownBy(() -> rule.evaluate(Map.of("variables", Map.of("x", 1L))))
                .isInstanceOf(RuleEvaluationException.class).hasMessageContaining("by zero");
    }

    @Test
    void aRuleThatIteratesTooMuchIsStoppedByTheIterationBudget() throws Exception {
        CompiledRule rule = COMPILER.compile("rows.exists(a, rows.exists(b, rows.exists(c, false)))", List.of("rows"));
        List<Map<String, Object>> rows = Collections.nCopies(200, Map.of("n", 1L));
        assertThatThrownBy(() -> rule.evaluate(Map.of("rows", rows)))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessage("the rule ran more than its limit of 1,000,000 comprehension steps and was stopped");
    }

    /** Issue 6, reproduction 5: this rule would build 40,000 strings of 400 KB (16 GB) and end the process. */
    @Test
    void aRuleThatBuildsMoreThanTheSizeLimitIsStoppedNamingIt() throws Exception {
        CompiledRule rule = COMPILER.compile("size(w.map(a, w.map(b, a.s + b.s))) > 0", List.of("w"));
        List<Map<String, Object>> rows = Collections.nCopies(200, Map.of("s", "x".repeat(200_000)));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> rule.evaluate(Map.of("w", rows)))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessage("the rule built more than its size limit of 16 MiB of strings, lists and maps and was stopped");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void manySmallListLiteralsAddUpToTheSizeLimit() throws Exception {
        CompiledRule rule = COMPILER.compile("w.map(a, w.map(b, [a, b, a, b, a, b, a, b])).size() > 0", List.of("w"));
        List<Map<String, Object>> rows = Collections.nCopies(1_000, Map.of("n", 1L));
        assertThatThrownBy(() -> rule.evaluate(Map.of("w", rows)))
                .isInstanceOf(RuleEvaluationException.class).hasMessageContaining("size limit");
    }

    @Test
    void collectingManyRowsIsNotCountedTwiceAsTheResultGrows() throws Exception {
        CompiledRule rule = COMPILER.compile("rows.filter(r, r.n >= 0).map(r, {'n': r.n})", List.of("rows"));
        List<Map<String, Object>> rows = Collections.nCopies(20_000, Map.of("n", 1L));
        // counted at every step, the growing result would add up to 20,000² / 2 elements: 1.6 GB
        assertThat((List<?>) rule.evaluate(Map.of("rows", rows))).hasSize(20_000);
    }

    @Test
    void aRuleThatRunsPastTheTimeLimitIsStoppedOnItsOwnThreadNamingTheLimit() throws Exception {
        // 40,000 regular-expression scans of 200 KB: minutes of CPU, no memory to speak of
        CompiledRule rule = COMPILER.compile("w.all(a, w.all(b, !a.s.matches('x*y')))", List.of("w"));
        List<Map<String, Object>> rows = Collections.nCopies(200, Map.of("s", "x".repeat(200_000)));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> rule.evaluate(Map.of("w", rows)))
                .isInstanceOf(RuleEvaluationException.class)
                .hasMessage("the rule ran longer than its time limit of 10s and was stopped");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(millis).isBetween(RuleLimits.MAX_EVALUATION_TIME.toMillis(), RuleLimits.MAX_EVALUATION_TIME.toMillis() + 3_000);
    }

    @Test
    void aRuleLongerThanTheLimitIsRejectedBeforeParsing() {
        String rule = "true" + " && true".repeat(RuleLimits.MAX_EXPRESSION_CHARS / 8);
        assertThatThrownBy(() -> COMPILER.compile(rule, List.of()))
                .isInstanceOf(RuleCompileException.class)
                .hasMessageContaining("a rule may have at most 16384");
    }

    @Test
    void aRuleReturningAStringIsRejectedAtCompileTime() {
        assertThatThrownBy(() -> COMPILER.compile("'text'", List.of()))
                .isInstanceOf(RuleCompileException.class)
                .hasMessageContaining("must return a bool or a list of maps, but returns string");
    }

    @Test
    void formatBytesAndPercentRenderForMessages() throws Exception {
        CompiledRule rule = COMPILER.compile("[{'a': format_bytes(1610612736), 'b': percent(0.1234)}]", List.of());
        assertThat(rule.evaluate(Map.of())).isEqualTo(List.of(Map.of("a", "1.5 GiB", "b", "12.3 %")));
    }
}
