package io.dbwarden.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbwarden.cel.BuiltinFact;
import io.dbwarden.cel.RuleCompiler;
import io.dbwarden.target.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckLoaderTest {

    private static final CheckLoader LOADER = new CheckLoader(new RuleCompiler());

    private static final String VALID = """
            name: postgresql_fdw_password_not_required
            engine: postgresql
            category: security
            severity: warning
            interval: frequent
            requires: { version: ">=13" }
            summary: "postgres_fdw lets {{user}} connect to {{server}} without a password"
            description: "Mapping in {{database}} for {{target}}."
            remediation: "ALTER USER MAPPING FOR {{user}} SERVER {{server}} OPTIONS (DROP password_required);"
            read_more: https://www.postgresql.org/docs/current/postgres-fdw.html
            params: { ignore_users: [] , limit: 3, ratio: 0.5 }
            queries:
              mappings:
                all_databases: true
                sql: |
                  SELECT usename AS user, srvname AS server, 'false' AS password_required FROM pg_user_mappings
            rule: |
              mappings.filter(m, m.password_required == 'false' && !(m.user in params.ignore_users))
                      .map(m, {'database': m.database, 'user': m.user, 'server': m.server})
            """;

    private static CheckProblem onlyProblem(String yaml) {
        List<CheckProblem> problems = problems(yaml);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    private static List<CheckProblem> problems(String yaml) {
        try {
            LOADER.load("c.yaml", yaml);
        } catch (CheckFileException e) {
            return e.problems();
        }
        throw new AssertionError("expected the file to be rejected");
    }

    @Test
    void aCompleteCheckFileLoadsWithEveryField() throws Exception {
        Check c = LOADER.load("c.yaml", VALID);
        assertThat(c.name()).isEqualTo("postgresql_fdw_password_not_required");
        assertThat(c.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(c.severity()).isEqualTo(Severity.WARNING);
        assertThat(c.interval().id()).isEqualTo("frequent");
        assertThat(c.requires().version()).map(Object::toString).contains(">=13");
        assertThat(c.params()).containsEntry("limit", 3L).containsEntry("ratio", 0.5).containsEntry("ignore_users", List.of());
        assertThat(c.queries()).singleElement().satisfies(q -> {
            assertThat(q.name()).isEqualTo("mappings");
            assertThat(q.allDatabases()).isTrue();
        });
        assertThat(c.rule().facts()).containsExactly(BuiltinFact.PARAMS);
        assertThat(c.rule().outputKeys()).containsExactlyInAnyOrder("database", "user", "server");
    }

    @Test
    void anUnknownFieldIsRejectedAtItsPosition() {
        CheckProblem p = onlyProblem(VALID.replace("read_more:", "read_mroe:"));
        assertThat(p.toString()).startsWith("c.yaml:10:1: unknown field 'read_mroe' in check");
    }

    @Test
    void aBadNameIsRejectedAtTheValue() {
        CheckProblem p = onlyProblem(VALID.replace("name: postgresql_fdw_password_not_required", "name: Bad-Name"));
        assertThat(p.line()).isEqualTo(1);
        assertThat(p.column()).isEqualTo(7);
        assertThat(p.message()).contains("'Bad-Name'");
    }

    @Test
    void anUnknownSeverityNamesTheValidOnes() {
        CheckProblem p = onlyProblem(VALID.replace("severity: warning", "severity: fatal"));
        assertThat(p.toString()).isEqualTo(
                "c.yaml:4:11: unknown severity 'fatal' (expected critical, error, warning, notice, info)");
    }

    @Test
    void anUnknownEngineIsRejected() {
        CheckProblem p = onlyProblem(VALID.replace("engine: postgresql", "engine: oracle"));
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.message()).contains("oracle");
    }

    @Test
    void aRuleThatDoesNotCompilePointsIntoTheFile() {
        CheckProblem p = problems(VALID.replace("m.password_required == 'false'", "m.password_required = 'false'")).get(0);
        assertThat(p.column()).isEqualTo(42);
        assertThat(p.line()).isEqualTo(18);
        assertThat(p.message()).startsWith("rule: ");
    }

    @Test
    void aRuleThatRefersToAnUnknownQueryIsRejectedWithItsColumn() {
        CheckProblem p = onlyProblem(VALID.replace("mappings.filter(", "mapings.filter("));
        assertThat(p.line()).isEqualTo(18);
        assertThat(p.column()).isEqualTo(3);
        assertThat(p.message()).contains("undeclared reference to 'mapings'");
    }

    @Test
    void aRuleOfTheWrongTypeIsRejected() {
        String yaml = VALID.replaceAll("(?s)rule: \\|.*", "rule: \"1 + 2\"\n");
        assertThatThrownBy(() -> LOADER.load("c.yaml", yaml))
                .isInstanceOf(CheckFileException.class)
                .hasMessageContaining("rule must return a bool or a list of maps, but returns int");
    }

    @Test
    void aPlaceholderNoFindingCanFillIsRejected() {
        CheckProblem p = onlyProblem(VALID.replace("without a password\"", "without a {{pasword}}\""));
        assertThat(p.line()).isEqualTo(7);
        assertThat(p.message()).contains("'{{pasword}}'").contains("database, server, user");
    }

    @Test
    void anUnknownQuotingFilterIsRejectedAtLoadWithItsLine() {
        CheckProblem p = onlyProblem(VALID.replace("FOR {{user}} SERVER", "FOR {{user | quoted}} SERVER"));
        assertThat(p.line()).isEqualTo(9);
        assertThat(p.message()).isEqualTo("'remediation': unknown filter 'quoted' in '{{user | quoted}}'"
                + " (known filters: ident, literal, qualified, shell)");
    }

    @Test
    void quotingFiltersAndSectionsReadOnlyFieldsTheRuleReturns() throws Exception {
        Check ok = LOADER.load("c.yaml", VALID.replace("FOR {{user}} SERVER {{server}}",
                "FOR {{user | ident}} SERVER {{server | ident}}{{#database}} -- in {{database | ident}}{{/database}}"));
        assertThat(ok.remediation()).contains("{{user | ident}}");
        CheckProblem p = onlyProblem(VALID.replace("FOR {{user}} SERVER", "FOR {{#owner}}{{user}}{{/owner}} SERVER"));
        assertThat(p.message()).contains("'{{#owner}}'").contains("cannot be filled");
    }

    @Test
    void aBoolRuleMayOnlyUseStandardPlaceholders() {
        String yaml = """
                name: x_check
                engine: mysql
                category: security
                severity: error
                summary: "{{target}} has {{user}}"
                description: d
                remediation: r
                rule: variables.local_infile == 'ON'
                """;
        CheckProblem p = onlyProblem(yaml);
        assertThat(p.message()).contains("{{user}}").contains("returns a bool");
    }

    @Test
    void aQueryThatWritesIsRefusedAtLoad() {
        CheckProblem p = onlyProblem(VALID.replace(
                "SELECT usename AS user, srvname AS server, 'false' AS password_required FROM pg_user_mappings",
                "DELETE FROM pg_user_mappings"));
        assertThat(p.line()).isEqualTo(15);
        assertThat(p.message()).contains("query 'mappings' is refused").contains("DELETE");
    }

    @Test
    void missingRequiredFieldsAreAllReported() {
        try {
            LOADER.load("c.yaml", "name: a_check\nengine: mysql\n");
            throw new AssertionError("expected rejection");
        } catch (CheckFileException e) {
            assertThat(e.problems()).extracting(CheckProblem::message).contains(
                    "missing required field 'category'", "missing required field 'rule'",
                    "missing required field 'summary'");
        }
    }

    @Test
    void brokenYamlIsReportedWithItsPosition() {
        CheckProblem p = onlyProblem("name: a\nengine: [mysql\n");
        assertThat(p.message()).startsWith("invalid YAML");
        assertThat(p.line()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aDuplicateKeyIsRejected() {
        CheckProblem p = onlyProblem(VALID.replace("severity: warning", "severity: warning\nseverity: error"));
        assertThat(p.message()).containsIgnoringCase("duplicate");
    }

    @Test
    void allDatabasesIsOnlyForPostgresql() {
        CheckProblem p = onlyProblem(VALID.replace("engine: postgresql", "engine: mysql").replace("requires: { version: \">=13\" }\n", ""));
        assertThat(p.message()).contains("'all_databases' applies to postgresql checks only");
    }

    @Test
    void aQueryNamedLikeABuiltinFactIsRejected() {
        CheckProblem p = onlyProblem(VALID.replace("  mappings:", "  variables:").replace("mappings.filter", "variables.filter"));
        assertThat(p.message()).contains("taken by a built-in fact");
    }

    @Test
    void theKeyNamesTheFieldsThatIdentifyAFinding() throws Exception {
        Check c = LOADER.load("c.yaml", VALID + "key: [database, user, server]\n");
        assertThat(c.key()).contains(List.of("database", "user", "server"));
        assertThat(LOADER.load("c.yaml", VALID + "key: []\n").key()).contains(List.of());
        assertThat(LOADER.load("c.yaml", VALID).key()).isEmpty();
    }

    @Test
    void aKeyFieldTheRuleDoesNotReturnIsRejected() {
        CheckProblem p = onlyProblem(VALID + "key: [database, retained]\n");
        assertThat(p.line()).isEqualTo(20);
        assertThat(p.message()).contains("key field 'retained' is not a field the rule returns");
    }

    private static final String ODD_FIELD = """
            name: odd_field
            engine: postgresql
            category: security
            severity: warning
            summary: "s"
            description: "d"
            remediation: "r"
            queries:
              rows: SELECT 1 AS n
            rule: "rows.map(r, {'user-name': 'x', 'n': r.n})"
            """;

    @Test
    void aKeyFieldWhoseNameCannotBeAnAlertLabelIsRejectedWhereItIsNamed() {
        CheckProblem p = onlyProblem(ODD_FIELD + "key: [n, user-name]\n");
        assertThat(p.line()).isEqualTo(11);
        assertThat(p.column()).isEqualTo(10);
        assertThat(p.message()).isEqualTo("key field 'user-name' becomes an alert label, so its name must match "
                + "[a-zA-Z_][a-zA-Z0-9_]*");
    }

    @Test
    void withoutAKeyEveryFieldTheRuleReturnsMustBeAbleToBeAnAlertLabel() throws Exception {
        CheckProblem p = onlyProblem(ODD_FIELD);
        assertThat(p.line()).isEqualTo(10);
        assertThat(p.message()).isEqualTo("the rule returns field 'user-name', which becomes an alert label as the check"
                + " has no 'key', so its name must match [a-zA-Z_][a-zA-Z0-9_]*");
        assertThat(LOADER.load("c.yaml", ODD_FIELD + "key: [n]\n").key()).contains(List.of("n"));
    }

    private static final String HEADER = """
            name: hostile_check
            engine: mysql
            category: security
            severity: info
            summary: s
            description: d
            remediation: r
            """;

    @Test
    void parsingReadsEverythingButTheRuleWhichOnlyCompilingChecks() throws Exception {
        String badRule = VALID.replace("mappings.filter(", "mapings.filter(");
        CheckDefinition definition = LOADER.parse("c.yaml", badRule);
        assertThat(definition.name()).isEqualTo("postgresql_fdw_password_not_required");
        assertThat(definition.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThatThrownBy(() -> LOADER.compile(definition))
                .isInstanceOf(CheckFileException.class)
                .hasMessageStartingWith("c.yaml:18:3: rule: undeclared reference to 'mapings'");
        assertThat(LOADER.compile(LOADER.parse("c.yaml", VALID)).rule().outputKeys()).contains("server");
    }

    /** Issue 6, reproduction 6: a 2.7 KB file of nested aliases ran 91 s and ran out of memory. */
    @Test
    void anchorsAndAliasesAreRefusedAtTheirPositionAtOnce() {
        StringBuilder yaml = new StringBuilder(HEADER).append("params:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 24; level++) {
            yaml.append("  l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(16, "*l" + (level - 1)))).append("]\n");
        }
        yaml.append("rule: \"true\"\n");
        assertThat(yaml.length()).isBetween(2_500, 3_000);
        long t0 = System.nanoTime();
        CheckProblem p = onlyProblem(yaml.toString());
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1_000);
        assertThat(p.toString()).isEqualTo("c.yaml:9:7: YAML anchors (&l0) are not allowed in check files");
        assertThat(onlyProblem(HEADER + "params: { a: *x }\nrule: \"true\"\n").toString())
                .isEqualTo("c.yaml:8:14: YAML aliases (*name) are not allowed in check files");
    }

    /** Issue 6, reproduction 6: '[' nested 20,000 deep ended in a raw StackOverflowError. */
    @Test
    void nestingDeeperThanTheLimitIsRefusedWhereItGoesTooDeep() {
        String deep = HEADER + "params:\n  deep: " + "[".repeat(20_000) + "1" + "]".repeat(20_000) + "\nrule: \"true\"\n";
        CheckProblem p = onlyProblem(deep);
        // the file and params are two levels, so the 15th '[' is the 17th level
        assertThat(p.toString()).isEqualTo("c.yaml:9:23: the YAML nests deeper than 16 levels, the most a check file may");
        String atTheLimit = HEADER + "params:\n  deep: " + "[".repeat(14) + "1" + "]".repeat(14) + "\nrule: \"true\"\n";
        assertThat(problems(atTheLimit + "key: [x]\n")).extracting(CheckProblem::message)
                .noneMatch(m -> m.contains("nests deeper"));
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeItIsParsed() {
        String big = HEADER + "rule: \"true\"\n# " + "x".repeat(CheckFileLimits.MAX_FILE_BYTES) + "\n";
        assertThat(onlyProblem(big).toString()).isEqualTo("c.yaml:1:1: the file is larger than 256 KiB, the most a check file may hold");
        String multiByte = HEADER + "rule: \"true\"\n# " + "é".repeat(CheckFileLimits.MAX_FILE_BYTES / 2) + "\n";
        assertThat(onlyProblem(multiByte).message()).as("bytes, not characters").contains("larger than 256 KiB");
    }

    @Test
    void aFileOnDiskIsReadOnlyUpToTheLimit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path huge = dir.resolve("huge.yaml");
        try (var out = java.nio.file.Files.newOutputStream(huge)) {
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) '#');
            for (int i = 0; i < 64; i++) {
                out.write(block);
            }
        }
        assertThatThrownBy(() -> CheckFiles.read(huge))
                .isInstanceOf(CheckFileException.class)
                .hasMessage(huge + ":1:1: the file is larger than 256 KiB, the most a check file may hold");
        java.nio.file.Path latin1 = dir.resolve("latin1.yaml");
        java.nio.file.Files.write(latin1, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xe9});
        assertThatThrownBy(() -> CheckFiles.read(latin1)).hasMessage(latin1 + ":1:1: the file is not UTF-8 text");
    }

    @Test
    void moreQueriesThanTheLimitAreRefusedAtTheQueries() {
        StringBuilder yaml = new StringBuilder(HEADER).append("queries:\n");
        for (int i = 0; i <= CheckFileLimits.MAX_QUERIES; i++) {
            yaml.append("  q").append(i).append(": SELECT ").append(i).append(" AS n\n");
        }
        yaml.append("rule: \"true\"\n");
        assertThat(onlyProblem(yaml.toString()).toString())
                .isEqualTo("c.yaml:9:3: the check has 17 queries; a check may have at most 16");
    }

    @Test
    void aRuleLongerThanTheLimitIsRefusedAtTheRule() {
        String rule = "true" + " && true".repeat(io.dbwarden.cel.RuleLimits.MAX_EXPRESSION_CHARS / 8);
        assertThat(onlyProblem(HEADER + "rule: " + rule + "\n").toString())
                .isEqualTo("c.yaml:8:7: the rule has 16388 characters; a rule may have at most 16384");
    }

    @Test
    void valuesWithNoCelCounterpartAreProblemsAtTheirPosition() {
        assertThat(onlyProblem(HEADER + "params: { n: 99999999999999999999 }\nrule: \"true\"\n").toString())
                .isEqualTo("c.yaml:8:14: parameter 'n': number 99999999999999999999 does not fit in 64 bits");
        assertThat(onlyProblem(HEADER + "params: { m: { ? [a] : 1 } }\nrule: \"true\"\n").message())
                .isEqualTo("parameter 'm': keys must be plain words");
        assertThat(onlyProblem(HEADER + "queries:\n  ? [a]\n  : SELECT 1\nrule: \"true\"\n").message())
                .isEqualTo("query names must be plain words");
        assertThat(onlyProblem(HEADER + "interval: 999999999999999999h\nrule: \"true\"\n").line()).isEqualTo(8);
    }

    @Test
    void infinityIsTheOneNumberYamlSpellsOtherwise() throws Exception {
        Check c = LOADER.load("c.yaml", HEADER + "params: { inf: .inf, big: 9223372036854775807 }\nrule: \"true\"\n");
        assertThat(c.params()).containsEntry("inf", Double.POSITIVE_INFINITY).containsEntry("big", Long.MAX_VALUE);
    }

    /**
     * Every mangled version of a valid file ends as problems with positions, never as another exception, and never
     * as the loader's last-resort "could not be read" either (which would mean an input nothing else foresaw).
     */
    @Test
    void mangledFilesOnlyEverEndAsProblems() {
        String[] splices = {"[", "]", "{", "}", "&a ", "*a", ":", "- ", "'", "\"", "\t", "\n", "\n  ", "!!binary ",
                "!!set ", "? ", "0x", "99999999999999999999", "{{", "}}", "%", "\u0000", "\u2028", "\ufeff", ".inf",
                "<<: ", "---\n", "...\n", "#", "|", ">", "\\", "null", "~", "\ud800"};
        java.util.Random random = new java.util.Random(6);
        int rejected = 0;
        for (int i = 0; i < 600; i++) {
            StringBuilder text = new StringBuilder(VALID);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(12)));
                    case 1 -> text.insert(at, splices[random.nextInt(splices.length)]);
                    default -> text.insert(at, text.substring(at, Math.min(text.length(), at + random.nextInt(40))));
                }
            }
            String mangled = text.toString();
            try {
                LOADER.load("c.yaml", mangled);
            } catch (CheckFileException e) {
                rejected++;
                assertThat(e.problems()).as(mangled).isNotEmpty().allSatisfy(p -> {
                    assertThat(p.file()).isEqualTo("c.yaml");
                    assertThat(p.line()).isPositive();
                    assertThat(p.column()).isPositive();
                    assertThat(p.message()).as(mangled).doesNotContain("could not be read (");
                });
            } catch (RuntimeException | Error e) {
                throw new AssertionError("a mangled file ended in " + e + ":\n" + mangled, e);
            }
        }
        assertThat(rejected).isGreaterThan(400);
    }
}
