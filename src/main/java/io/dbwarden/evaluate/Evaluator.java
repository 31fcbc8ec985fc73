package io.dbwarden.evaluate;

import io.dbwarden.alert.LabelSet;
import io.dbwarden.cel.CelValues;
import io.dbwarden.cel.RuleEvaluationException;
import io.dbwarden.check.Check;
import io.dbwarden.check.Severity;
import io.dbwarden.target.Target;
import io.dbwarden.template.Template;
import io.dbwarden.template.TemplateSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a check's compiled rule over its facts and turns the result into findings. */
public final class Evaluator {

    /** One rule may report at most this many findings per target; more means a rule gone wrong. */
    public static final int MAX_FINDINGS = 1_000;
    /** The output field that overrides the check's severity for one finding; it is not a field of the finding. */
    private static final String SEVERITY_FIELD = "severity";

    public List<Finding> evaluate(Check check, Target target, Map<String, Object> activation) throws RuleEvaluationException {
        Object result = check.rule().evaluate(activation);
        List<Finding> findings = new ArrayList<>();
        if (result instanceof Boolean fired) {
            if (fired) {
                findings.add(finding(check, target, Map.of()));
            }
            return findings;
        }
        if (!(result instanceof List<?> list)) {
            throw new RuleEvaluationException("rule returned " + typeName(result) + "; expected a bool or a list of maps", null);
        }
        if (list.size() > MAX_FINDINGS) {
            throw new RuleEvaluationException("rule returned " + list.size() + " findings; at most " + MAX_FINDINGS
                    + " are accepted", null);
        }
        for (Object element : list) {
            if (!(element instanceof Map<?, ?> map)) {
                throw new RuleEvaluationException("rule returned a list holding " + typeName(element)
                        + "; each finding must be a map", null);
            }
            findings.add(finding(check, target, map));
        }
        return findings;
    }

    private static Finding finding(Check check, Target target, Map<?, ?> output) throws RuleEvaluationException {
        Map<String, Object> fields = new LinkedHashMap<>();
        output.forEach((k, v) -> fields.put(String.valueOf(k), FieldValues.fromCel(v)));
        Severity severity = check.severity();
        if (fields.containsKey(SEVERITY_FIELD)) {
            String wanted = CelValues.display(fields.remove(SEVERITY_FIELD));
            try {
                severity = Severity.fromId(wanted);
            } catch (IllegalArgumentException e) {
                throw new RuleEvaluationException("rule set " + e.getMessage(), e);
            }
        }
        List<String> key = check.key().orElseGet(() -> List.copyOf(fields.keySet()));
        for (String field : key) {
            if (fields.containsKey(field) && !LabelSet.isValidName(field)) {
                throw new RuleEvaluationException("field '" + field + "' identifies the finding, so it becomes an alert"
                        + " label, but label names must match " + LabelSet.NAME_PATTERN + ": rename it in the rule"
                        + " (or with AS in the query), or list the identifying fields in 'key'", null);
            }
        }
        // Templates take display strings: typed values are turned into text here, at the call.
        Map<String, String> values = new LinkedHashMap<>(Finding.textsOf(fields));
        values.put("target", target.name());
        values.put("engine", check.engine().id());
        values.put("check", check.name());
        values.put("severity", severity.id());
        check.params().forEach((k, v) -> values.put("params." + k, CelValues.display(CelValues.toCel(v))));
        return new Finding(check.name(), check.category(), check.engine(), target.name(), target.labels(), severity,
                fields, key,
                render(check, check.summary(), values),
                render(check, check.description(), values),
                render(check, check.remediation(), values),
                check.readMore());
    }

    /** Fills one of the check's texts; the loader has already parsed it and proven every placeholder can be filled. */
    private static String render(Check check, String text, Map<String, String> values) {
        try {
            return Template.parse(text, check.engine()).render(values);
        } catch (TemplateSyntaxException e) {
            throw new IllegalStateException("check " + check.name() + " was loaded with a bad template: " + e.getMessage(), e);
        }
    }

    private static String typeName(Object o) {
        if (CelValues.isNull(o)) {
            return "null";
        }
        if (o instanceof Map) {
            return "a map";
        }
        return o instanceof String ? "a string" : o instanceof Long ? "an int" : o instanceof Double ? "a double"
                : o.getClass().getSimpleName();
    }
}
