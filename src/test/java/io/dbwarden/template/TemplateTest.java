package io.dbwarden.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbwarden.target.Engine;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private static String render(Engine engine, String template, Map<String, String> values) throws Exception {
        return Template.parse(template, engine).render(values);
    }

    private static String pg(String template, String value) throws Exception {
        return render(Engine.POSTGRESQL, template, Map.of("x", value));
    }

    private static String my(String template, String value) throws Exception {
        return render(Engine.MYSQL, template, Map.of("x", value));
    }

    // ---- plain placeholders

    @Test
    void aPlainPlaceholderIsFilledAsItIsAndUnknownFieldsAreEmpty() throws Exception {
        assertThat(render(Engine.POSTGRESQL, "{{ a }} and {{b}}{{missing}}.", Map.of("a", "x\"y", "b", "'z'")))
                .isEqualTo("x\"y and 'z'.");
    }

    @Test
    void textWithoutPlaceholdersIsKeptAndStripped() throws Exception {
        assertThat(pg("  SELECT 1; } {x} }}  ", "")).isEqualTo("SELECT 1; } {x} }}");
    }

    // ---- PostgreSQL identifiers, as quote_ident

    @Test
    void postgresIdentLeavesLowerCaseNamesThatAreNoKeywordBare() throws Exception {
        assertThat(pg("{{x | ident}}", "orders_2024")).isEqualTo("orders_2024");
        assertThat(pg("{{x | ident}}", "_x1")).isEqualTo("_x1");
        assertThat(pg("{{x | ident}}", "index")).as("an unreserved keyword").isEqualTo("index");
    }

    @Test
    void postgresIdentQuotesUpperCaseDigitsFirstReservedWordsUnicodeAndTheEmptyName() throws Exception {
        assertThat(pg("{{x | ident}}", "Orders")).isEqualTo("\"Orders\"");
        assertThat(pg("{{x | ident}}", "1st")).isEqualTo("\"1st\"");
        assertThat(pg("{{x | ident}}", "user")).isEqualTo("\"user\"");
        assertThat(pg("{{x | ident}}", "select")).isEqualTo("\"select\"");
        assertThat(pg("{{x | ident}}", "json_table")).as("a keyword of PostgreSQL 17").isEqualTo("\"json_table\"");
        assertThat(pg("{{x | ident}}", "café")).isEqualTo("\"café\"");
        assertThat(pg("{{x | ident}}", "a$b")).isEqualTo("\"a$b\"");
        assertThat(pg("{{x | ident}}", "")).isEqualTo("\"\"");
    }

    @Test
    void postgresIdentDoublesQuotesSoAHostileNameStaysOneName() throws Exception {
        assertThat(pg("DROP TABLE {{x | ident}};", "x\"; DROP TABLE t; --"))
                .isEqualTo("DROP TABLE \"x\"\"; DROP TABLE t; --\";");
        assertThat(pg("{{x | ident}}", "a'b`c\\d")).isEqualTo("\"a'b`c\\d\"");
    }

    @Test
    void postgresIdentWritesControlCharactersAsUnicodeEscapesSoNoLineBreakIsRendered() throws Exception {
        assertThat(pg("-- in {{x | ident}}", "x\nDROP TABLE t; \"\\"))
                .isEqualTo("-- in U&\"x\\000ADROP TABLE t; \"\"\\\\\"")
                .doesNotContain("\n");
        assertThat(pg("{{x | ident}}", "a\rb\u0085")).isEqualTo("U&\"a\\000Db\\0085\"");
    }

    // ---- PostgreSQL literals, as quote_literal

    @Test
    void postgresLiteralDoublesQuotesAndUsesAnEscapeStringOnlyForBackslashes() throws Exception {
        assertThat(pg("{{x | literal}}", "app")).isEqualTo("'app'");
        assertThat(pg("{{x | literal}}", "a'b")).isEqualTo("'a''b'");
        assertThat(pg("{{x | literal}}", "")).isEqualTo("''");
        assertThat(pg("{{x | literal}}", "a\\'b")).isEqualTo("E'a\\\\''b'");
        assertThat(pg("{{x | literal}}", "x\ny")).isEqualTo("E'x\\u000Ay'");
    }

    @Test
    void qualifiedQuotesEachPartAndLiteralCanFollowIt() throws Exception {
        Map<String, String> values = Map.of("schema", "public", "table", "Big Table");
        assertThat(render(Engine.POSTGRESQL, "{{schema, table | qualified}}", values)).isEqualTo("public.\"Big Table\"");
        assertThat(render(Engine.POSTGRESQL, "{{ schema , table | qualified | literal }}::regclass", values))
                .isEqualTo("'public.\"Big Table\"'::regclass");
        assertThat(render(Engine.MYSQL, "{{schema, table | qualified}}", values)).isEqualTo("`public`.`Big Table`");
    }

    // ---- MySQL

    @Test
    void mysqlIdentAlwaysUsesBackticksAndDoublesThem() throws Exception {
        assertThat(my("{{x | ident}}", "orders")).isEqualTo("`orders`");
        assertThat(my("{{x | ident}}", "a`b")).isEqualTo("`a``b`");
        assertThat(my("{{x | ident}}", "x`; DROP TABLE t; --")).isEqualTo("`x``; DROP TABLE t; --`");
        assertThat(my("{{x | ident}}", "")).isEqualTo("``");
    }

    @Test
    void mysqlLiteralDoublesQuotesAndEscapesBackslashesAndLineBreaks() throws Exception {
        assertThat(render(Engine.MYSQL, "{{user | literal}}@{{host | literal}}", Map.of("user", "root", "host", "%")))
                .isEqualTo("'root'@'%'");
        assertThat(my("{{x | literal}}", "a'b")).isEqualTo("'a''b'");
        assertThat(my("{{x | literal}}", "a\\'b")).isEqualTo("'a\\\\''b'");
        assertThat(my("{{x | literal}}", "x\n\r\t\0\u001Ay")).isEqualTo("'x\\n\\r\\t\\0\\Zy'");
        assertThat(my("{{x | literal}}", "")).isEqualTo("''");
    }

    // ---- shell

    @Test
    void shellLeavesPlainWordsAndSingleQuotesTheRest() throws Exception {
        assertThat(pg("vacuumdb -d {{x | shell}}", "app_db")).isEqualTo("vacuumdb -d app_db");
        assertThat(pg("vacuumdb -d {{x | shell}}", "x; rm -rf ~")).isEqualTo("vacuumdb -d 'x; rm -rf ~'");
        assertThat(pg("{{x | shell}}", "it's")).isEqualTo("'it'\\''s'");
        assertThat(pg("{{x | shell}}", "")).isEqualTo("''");
    }

    // ---- sections

    @Test
    void aSectionKeepsItsTextOnlyWhenTheFieldIsSetAndAnInvertedOneOnlyWhenItIsNot() throws Exception {
        String template = "DROP INDEX {{^partitioned}}CONCURRENTLY {{/partitioned}}{{index | ident}};"
                + "{{#note}} -- {{note}}{{/note}}";
        assertThat(render(Engine.POSTGRESQL, template, Map.of("index", "i", "partitioned", "false", "note", "")))
                .isEqualTo("DROP INDEX CONCURRENTLY i;");
        assertThat(render(Engine.POSTGRESQL, template, Map.of("index", "i", "partitioned", "true", "note", "see x")))
                .isEqualTo("DROP INDEX i; -- see x");
        assertThat(render(Engine.POSTGRESQL, template, Map.of("index", "i"))).isEqualTo("DROP INDEX CONCURRENTLY i;");
    }

    @Test
    void sectionsNest() throws Exception {
        String template = "{{#a}}A{{#b}}B{{/b}}{{^b}}-{{/b}}{{/a}}.";
        assertThat(render(Engine.MYSQL, template, Map.of("a", "1", "b", "1"))).isEqualTo("AB.");
        assertThat(render(Engine.MYSQL, template, Map.of("a", "1", "b", ""))).isEqualTo("A-.");
        assertThat(render(Engine.MYSQL, template, Map.of("a", "", "b", "1"))).isEqualTo(".");
    }

    @Test
    void referencesListEveryFieldReadWithThePlaceholderAsWritten() throws Exception {
        Template t = Template.parse("{{#a}}{{ b , c | qualified }}{{/a}} {{d}}", Engine.POSTGRESQL);
        assertThat(t.references()).extracting(Template.Reference::field).containsExactly("a", "b", "c", "d");
        assertThat(t.references().get(1).placeholder()).isEqualTo("{{ b , c | qualified }}");
    }

    // ---- errors, found when the check is loaded

    @Test
    void anUnknownFilterIsRejectedNamingTheKnownOnes() {
        assertThatThrownBy(() -> Template.parse("ALTER ROLE {{role | quote}};", Engine.POSTGRESQL))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessage("unknown filter 'quote' in '{{role | quote}}' (known filters: ident, literal, qualified, shell)")
                .satisfies(e -> assertThat(((TemplateSyntaxException) e).offset()).isEqualTo(11));
    }

    @Test
    void malformedPlaceholdersAreRejected() {
        assertThatThrownBy(() -> Template.parse("x {{user", Engine.MYSQL)).hasMessage("'{{' is never closed by '}}'");
        assertThatThrownBy(() -> Template.parse("{{user name}}", Engine.MYSQL))
                .hasMessage("placeholder '{{user name}}' is not a field name");
        assertThatThrownBy(() -> Template.parse("{{user |}}", Engine.MYSQL)).hasMessageContaining("unknown filter ''");
        assertThatThrownBy(() -> Template.parse("{{schema, table}}", Engine.MYSQL))
                .hasMessageContaining("names several fields: only '| qualified' joins");
        assertThatThrownBy(() -> Template.parse("{{schema, table | ident}}", Engine.MYSQL))
                .hasMessageContaining("names several fields");
        assertThatThrownBy(() -> Template.parse("{{t | literal | qualified}}", Engine.MYSQL))
                .hasMessageContaining("must be the first filter");
    }

    @Test
    void unbalancedSectionsAreRejected() {
        assertThatThrownBy(() -> Template.parse("{{#a}}x", Engine.MYSQL)).hasMessage("section 'a' is never closed by '{{/a}}'");
        assertThatThrownBy(() -> Template.parse("x{{/a}}", Engine.MYSQL)).hasMessage("'{{/a}}' closes no open section");
        assertThatThrownBy(() -> Template.parse("{{#a}}{{#b}}{{/a}}{{/b}}", Engine.MYSQL))
                .hasMessage("'{{/a}}' closes no open section ('{{/b}}' is expected)");
    }

    @Test
    void sqlFiltersAreRejectedForAnEngineWithoutSqlButShellIsNot() throws Exception {
        assertThatThrownBy(() -> Template.parse("{{db | ident}}", Engine.MONGODB))
                .hasMessage("filter 'ident' in '{{db | ident}}' quotes SQL, and mongodb checks have none");
        assertThat(Template.parse("mongosh {{db | shell}}", Engine.MONGODB).render(Map.of("db", "a b")))
                .isEqualTo("mongosh 'a b'");
    }
}
