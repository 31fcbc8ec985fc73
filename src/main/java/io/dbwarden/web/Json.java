package io.dbwarden.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON mapper of the HTTP API: strict on the way in (unknown fields, duplicate keys, trailing content and nulls
 * for primitives are refused), ISO-8601 timestamps on the way out. Field names are the Java names; an API whose
 * fields are snake_case says so on its classes ({@code @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)}).
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {}

    /**
     * What was wrong with a request body, with its position, for a 400: e.g. {@code malformed JSON at line 1,
     * column 12: Unexpected character ('}' (code 125))…}. Jackson's own message would add the source, which may be
     * the body itself; this keeps only the reason and the place.
     */
    static String describe(JacksonException e) {
        String where = position(e.getLocation());
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field \"" + unknown.getPropertyName() + "\"" + at(path(unknown)) + where;
        }
        if (e instanceof JsonMappingException mapping) {
            return "invalid value" + at(path(mapping)) + where + ": " + e.getOriginalMessage();
        }
        return "malformed JSON" + where + ": " + e.getOriginalMessage();
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
