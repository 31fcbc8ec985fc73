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
    private final Set<Long> accumulatorSteps;

    CompiledRule(String expression, CelRuntime.Program program, Shape shape, Set<BuiltinFact> facts, Set<String> outputKeys,
                 Set<Long> accumulatorSteps) {
        this.expression = expression;
        this.program = program;
        this.shape = shape;
        this.facts = Set.copyOf(facts);
        this.outputKeys = Set.copyOf(outputKeys);
        this.accumulatorSteps = Set.copyOf(accumulatorSteps);
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

    /**
     * Runs the rule within {@link RuleLimits}; the activation holds CEL values (see {@link CelValues}). A rule over
     * a limit fails with a message that names the limit.
     */
    public Object evaluate(Map<String, ?> activation) throws RuleEvaluationException {
        EvaluationBudget budget = new EvaluationBudget(System.nanoTime() + RuleLimits.MAX_EVALUATION_TIME.toNanos(),
                accumulatorSteps);
        Object result;
        try {
            result = program.trace(activation, budget);
        } catch (CelEvaluationException e) {
            throw new RuleEvaluationException(limitOr(budget, e), e);
        } catch (RuntimeException e) {
            throw new RuleEvaluationException(budget.exceeded() != null ? budget.exceeded() : "rule failed: " + e, e);
        }
        if (budget.exceeded() != null) {
            throw new RuleEvaluationException(budget.exceeded(), null);
        }
        return result;
    }

    private static String limitOr(EvaluationBudget budget, CelEvaluationException e) {
        if (budget.exceeded() != null) {
            return budget.exceeded();
        }
        String message = String.valueOf(e.getMessage());
        return message.contains("Iteration budget exceeded") ? RuleLimits.iterationsExceeded() : message;
    }
}
