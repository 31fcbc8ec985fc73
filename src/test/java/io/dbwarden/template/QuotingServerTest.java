package io.dbwarden.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.testing.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The servers are the oracle for quoting: what the filters write, PostgreSQL and MariaDB read back as the very
 * name or string they were given, and for printable names PostgreSQL's own quote_ident and quote_literal write
 * exactly the same text.
 */
class QuotingServerTest {

    /** Names a hostile database owner or account creator could choose, and ordinary ones. */
    private static final List<String> NAMES = List.of(
            "orders", "_x1", "Orders", "MiXeD", "1st", "user", "select", "index", "table", "café", "日本語",
            "with space", "a.b", "a$b", "x\"; DROP TABLE t; --", "a'b", "''", "a`b", "`", "\"", "\"\"",
            "back\\slash", "\\'", "-- comment", "/* c */", "$$", "$a$", "U&\"x\"", "E'x'", "tab\there",
            "line\nbreak", "cr\rlf", "next\u0085line", "esc\u001B[31m");

    private static boolean printable(String name) {
        return name.codePoints().noneMatch(Character::isISOControl);
    }

    @Test
    void postgresIdentAndLiteralAreQuoteIdentAndQuoteLiteralForEveryPrintableName() throws Exception {
        List<String> tried = new ArrayList<>(NAMES.stream().filter(QuotingServerTest::printable).toList());
        tried.add("");
        try (Connection c = PostgresServer.shared().connect("postgres");
                PreparedStatement q = c.prepareStatement("SELECT quote_ident(?), quote_literal(?)")) {
            for (String name : tried) {
                q.setString(1, name);
                q.setString(2, name);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    assertThat(PostgresQuoting.ident(name)).as("ident of [%s]", name).isEqualTo(rs.getString(1));
                    assertThat(PostgresQuoting.literal(name)).as("literal of [%s]", name).isEqualTo(rs.getString(2));
                }
            }
        }
    }

    @Test
    void postgresReadsEveryQuotedNameAndStringBackAsItWasIncludingControlCharacters() throws Exception {
        try (Connection c = PostgresServer.shared().connect("postgres"); Statement s = c.createStatement()) {
            for (String name : NAMES) {
                try (ResultSet rs = s.executeQuery("SELECT " + PostgresQuoting.literal(name) + " AS "
                        + PostgresQuoting.ident(name))) {
                    rs.next();
                    assertThat(rs.getMetaData().getColumnLabel(1)).as("ident of [%s]", name).isEqualTo(name);
                    assertThat(rs.getString(1)).as("literal of [%s]", name).isEqualTo(name);
                }
            }
        }
    }

    @Test
    void postgresQuotesEveryKeywordTheServerDoesNotCallUnreserved() throws Exception {
        Set<String> server = new HashSet<>();
        PostgresServer.shared().query("postgres", "SELECT word FROM pg_get_keywords() WHERE catcode <> 'U'")
                .forEach(row -> server.add((String) row.get("word")));
        assertThat(server).hasSizeGreaterThan(100);
        assertThat(PostgresQuoting.QUOTED_KEYWORDS).containsAll(server);
        for (String word : server) {
            assertThat(PostgresQuoting.ident(word)).isEqualTo("\"" + word + "\"");
        }
    }

    @Test
    void mariadbReadsEveryQuotedNameAndStringBackAsItWas() throws Exception {
        try (Connection c = MariaDbServer.shared().connect(); Statement s = c.createStatement()) {
            for (String name : NAMES) {
                try (ResultSet rs = s.executeQuery("SELECT " + MysqlQuoting.literal(name) + " AS "
                        + MysqlQuoting.ident(name))) {
                    rs.next();
                    assertThat(rs.getMetaData().getColumnLabel(1)).as("ident of [%s]", name).isEqualTo(name);
                    assertThat(rs.getString(1)).as("literal of [%s]", name).isEqualTo(name);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT " + MysqlQuoting.literal("nul\0byte\u001A"))) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("nul\0byte\u001A");
            }
        }
    }
}
