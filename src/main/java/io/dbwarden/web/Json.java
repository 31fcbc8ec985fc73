package io.dbwarden.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Arrays;
import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON mapper of the HTTP API: strict on the way in (unknown fields, duplicate keys, trailing content, nulls
 * for primitives and numbers or booleans where text belongs are refused), ISO-8601 timestamps on the way out. Field names are the Java names; an API whose
 * fields are snake_case says so on its classes ({@code @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)}).
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // a number or a boolean where text belongs is a mistake to report, not a name to look up
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private static final Pattern SOURCE = Pattern.compile(" \\(start marker at \\[Source:.*?\\]\\)|\\s*\\[Source:.*?\\]");

    private Json() {}

    /**
     * What was wrong with a request body, with its position, for a 400: e.g. {@code malformed JSON at line 1,
     * column 12: Unexpected character ('}' (code 125))…} or {@code invalid value in $.count at line 1, column 21:
     * expected a number}. Jackson's own messages would add the source (possibly the body itself) and Java type
     * names; this keeps the reason and the place.
     */
    static String describe(JacksonException e) {
        String where = position(e.getLocation());
        if (e instanceof UnrecognizedPropertyException unknown) {
            String path = path(unknown);
            return "unknown field " + (path.isEmpty() ? "\"" + unknown.getPropertyName() + "\"" : path) + where;
        }
        if (e instanceof MismatchedInputException mismatch) {
            String original = String.valueOf(mismatch.getOriginalMessage());
            if (original.startsWith("Trailing token")) {
                return "unexpected content after the JSON value" + where;
            }
            return "invalid value" + at(path(mismatch)) + where + ": expected " + expected(mismatch.getTargetType());
        }
        if (e instanceof JsonMappingException mapping) {
            return "invalid value" + at(path(mapping)) + where + ": " + withoutSource(e.getOriginalMessage());
        }
        return "malformed JSON" + where + ": " + withoutSource(e.getOriginalMessage());
    }

    /** What a value of {@code type} looks like in JSON, in words. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type.isPrimitive() && type != boolean.class && type != char.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> "\"" + c + "\"")
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (TemporalAccessor.class.isAssignableFrom(type) || TemporalAmount.class.isAssignableFrom(type)) {
            return "an ISO-8601 string";
        }
        return "an object";
    }

    /** Drops the "[Source: …]" part some parser messages carry inside them. */
    private static String withoutSource(String message) {
        return message == null ? "" : SOURCE.matcher(message).replaceAll("");
    }

    private static String position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : " in " + path;
    }

    /** The JSON path of the offending value, {@code $.a.b[2]}, or empty at the top level. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : "$" + path;
    }
}
