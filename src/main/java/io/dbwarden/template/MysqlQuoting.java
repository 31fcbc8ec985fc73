package io.dbwarden.template;

/**
 * MySQL and MariaDB quoting: identifiers in backticks with backticks doubled (what SHOW CREATE TABLE
 * prints), strings in single quotes with quotes doubled and backslashes and control characters escaped as
 * the default sql_mode reads them (a server running with NO_BACKSLASH_ESCAPES reads a backslash literally).
 */
final class MysqlQuoting {

    private MysqlQuoting() {}

    static String ident(String name) {
        return '`' + name.replace("`", "``") + '`';
    }

    static String literal(String value) {
        StringBuilder out = new StringBuilder("'");
        value.codePoints().forEach(c -> {
            switch (c) {
                case '\'' -> out.append("''");
                case '\\' -> out.append("\\\\");
                case 0 -> out.append("\\0");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x1A -> out.append("\\Z");
                default -> out.appendCodePoint(c);
            }
        });
        return out.append('\'').toString();
    }
}
