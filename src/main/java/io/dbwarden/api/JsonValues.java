package io.dbwarden.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbwarden.web.BadRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON values as check files hold them: Long, Double, Boolean, String, lists and maps of those; no nulls. */
final class JsonValues {

    private JsonValues() {
    }

    static Object plain(JsonNode node, String path) {
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new BadRequest(path + " is a number too large for a parameter");
            }
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                list.add(plain(node.get(i), path + "[" + i + "]"));
            }
            return list;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue(), path + "." + e.getKey())));
            return map;
        }
        throw new BadRequest(path + " is null; leave a param out to inherit its value");
    }
}
