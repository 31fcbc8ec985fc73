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
                .isInstanceOf(RuleEvaluationException.class).hasMessageContaining("Iteration budget exceeded");
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
