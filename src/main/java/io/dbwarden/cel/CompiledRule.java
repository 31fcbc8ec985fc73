package io.dbwarden.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.Set;

/** A rule ready to run: immutable, shareable between threads and runs. */
public final class CompiledRule {

    /** What the rule returns according to the type checker. */
    public enum Shape { BOOL, LIST, DYNAMIC }

    private final String expression;
    private final CelRuntime.Program program;
    private final Shape shape;
    private final Set<BuiltinFact> facts;
    private final Set<String> outputKeys;

    CompiledRule(String expression, CelRuntime.Program program, Shape shape, Set<BuiltinFact> facts, Set<String> outputKeys) {
        this.expression = expression;
        this.program = program;
        this.shape = shape;
        this.facts = Set.copyOf(facts);
        this.outputKeys = Set.copyOf(outputKeys);
    }

    public String expression() {
        return expression;
    }

    public Shape shape() {
        return shape;
    }

    /** The built-in facts the rule refers to, so collection can skip the others. */
    public Set<BuiltinFact> facts() {
        return facts;
    }

    /** Keys of the maps the rule builds; empty for a bool rule or one that returns rows as they are. */
    public Set<String> outputKeys() {
        return outputKeys;
    }

    /** Runs the rule; the activation holds CEL values (see {@link CelValues}). */
    public Object evaluate(Map<String, ?> activation) throws RuleEvaluationException {
        try {
            return program.eval(activation);
        } catch (CelEvaluationException e) {
            throw new RuleEvaluationException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new RuleEvaluationException("rule failed: " + e, e);
        }
    }
}
