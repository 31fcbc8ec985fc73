package io.dbwarden.cel;

import com.google.protobuf.ByteString;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelEvaluationListener;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches one evaluation node by node and stops it, by throwing from the listener CEL calls after every
 * node, once it runs past {@link RuleLimits#MAX_EVALUATION_TIME} or builds more than
 * {@link RuleLimits#MAX_BUILT_BYTES}. The evaluation runs on the caller's thread, so a stopped rule
 * really stops: nothing is left computing in the background.
 *
 * <p>What counts as built: list and map literals, and every call result that is a string, bytes, a list or
 * a map, except calls that hand back a value they were given ({@code _?_:_}, indexing, {@code dyn}) and the
 * steps by which a comprehension appends one element to its accumulator (that element is counted on its
 * own). Values read from the rows are not built by the rule and do not count. Not thread-safe: one per
 * evaluation.
 */
final class EvaluationBudget implements CelEvaluationListener {

    private static final long BYTES_PER_CHAR = 2;
    private static final long BYTES_PER_ELEMENT = 8;
    private static final long BYTES_PER_ENTRY = 32;
    private static final Set<String> PASS_THROUGH = Set.of("_?_:_", "_[_]", "_[?_]", "dyn", "or", "orValue", "value");

    private final long deadline;
    private final Set<Long> accumulatorSteps;
    private long built;
    private String exceeded;

    EvaluationBudget(long deadlineNanos, Set<Long> accumulatorSteps) {
        this.deadline = deadlineNanos;
        this.accumulatorSteps = accumulatorSteps;
    }

    /** The limit this evaluation ran into, as a sentence; null while within budget. */
    String exceeded() {
        return exceeded;
    }

    @Override
    public void callback(CelExpr expr, Object value) {
        if (exceeded != null) {
            // CEL absorbs an error inside `true || …`; failing every later node too makes the stop stick
            throw new Exceeded(exceeded);
        }
        // read at every node (about 25 ns, a few per cent of a node): one node may be a slow Java-side function
        if (System.nanoTime() - deadline > 0) {
            stop(RuleLimits.timeExceeded());
        }
        long size = builtBy(expr, value);
        if (size > 0) {
            built += size;
            if (built > RuleLimits.MAX_BUILT_BYTES) {
                stop(RuleLimits.sizeExceeded());
            }
        }
    }

    private void stop(String why) {
        exceeded = why;
        throw new Exceeded(why);
    }

    private long builtBy(CelExpr expr, Object value) {
        return switch (expr.exprKind().getKind()) {
            case LIST, MAP, STRUCT -> sizeOf(value);
            case CALL -> PASS_THROUGH.contains(expr.call().function()) || accumulatorSteps.contains(expr.id())
                    ? 0 : sizeOf(value);
            default -> 0;
        };
    }

    private static long sizeOf(Object value) {
        if (value instanceof String s) {
            return BYTES_PER_CHAR * s.length();
        }
        if (value instanceof List<?> list) {
            return BYTES_PER_ELEMENT * list.size();
        }
        if (value instanceof Map<?, ?> map) {
            return BYTES_PER_ENTRY * map.size();
        }
        if (value instanceof Collection<?> other) {
            return BYTES_PER_ELEMENT * other.size();
        }
        if (value instanceof ByteString bytes) {
            return bytes.size();
        }
        if (value instanceof CelByteString bytes) {
            return bytes.size();
        }
        if (value instanceof byte[] bytes) {
            return bytes.length;
        }
        return 0;
    }

    /** Thrown through CEL to stop the evaluation; CEL wraps it in its own exception. */
    static final class Exceeded extends RuntimeException {
        Exceeded(String message) {
            super(message, null, false, false);
        }
    }
}
