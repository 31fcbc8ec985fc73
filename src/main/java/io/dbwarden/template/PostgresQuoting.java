package io.dbwarden.template;

import java.util.Set;

/**
 * PostgreSQL's quoting rules, as {@code quote_ident} and {@code quote_literal} apply them. One deliberate
 * difference: a name holding a control character (a line break above all) is written with Unicode escapes,
 * {@code U&"…"} or {@code E'…'}, which the server reads as the very same name, so a rendered remediation
 * never carries a raw line break that could end a {@code --} comment and start a statement of its own.
 */
final class PostgresQuoting {

    /**
     * The keywords {@code quote_ident} quotes: every keyword that is not unreserved. The PostgreSQL 15 list
     * ({@code SELECT word FROM pg_get_keywords() WHERE catcode <> 'U'}, checked against the server by
     * PostgresQuotingServerTest) plus those later versions added, since quoting a name needlessly is harmless
     * and a remediation may be run on a newer server.
     */
    static final Set<String> QUOTED_KEYWORDS = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
            "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check",
            "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create", "cross",
            "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc", "distinct",
            "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for", "foreign",
            "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in",
            "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is", "isnull",
            "join", "lateral", "leading", "least", "left", "like", "limit", "localtime", "localtimestamp",
            "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric",
            "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing", "position",
            "precision", "primary", "real", "references", "returning", "right", "row", "select", "session_user",
            "setof", "similar", "smallint", "some", "substring", "symmetric", "table", "tablesample", "then",
            "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using",
            "values", "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes",
            "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable",
            // PostgreSQL 16 and later
            "system_user", "json", "json_array", "json_arrayagg", "json_exists", "json_object", "json_objectagg",
            "json_query", "json_scalar", "json_serialize", "json_table", "json_value", "merge_action",
            "graph_table");

    private PostgresQuoting() {}

    static String ident(String name) {
        if (isPlain(name)) {
            return name;
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            StringBuilder out = new StringBuilder("U&\"");
            name.codePoints().forEach(c -> {
                if (c == '"') {
                    out.append("\"\"");
                } else if (c == '\\') {
                    out.append("\\\\");
                } else if (Character.isISOControl(c)) {
                    out.append(String.format("\\%04X", c));
                } else {
                    out.appendCodePoint(c);
                }
            });
            return out.append('"').toString();
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** What quote_ident leaves bare: lower-case letters, digits and _, not starting with a digit, no keyword. */
    private static boolean isPlain(String name) {
        if (name.isEmpty() || !(name.charAt(0) >= 'a' && name.charAt(0) <= 'z' || name.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return !QUOTED_KEYWORDS.contains(name);
    }

    static String literal(String value) {
        boolean control = value.codePoints().anyMatch(Character::isISOControl);
        boolean escapes = control || value.indexOf('\\') >= 0;
        StringBuilder out = new StringBuilder(escapes ? "E'" : "'");
        value.codePoints().forEach(c -> {
            if (c == '\'') {
                out.append("''");
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('\'').toString();
    }
}
