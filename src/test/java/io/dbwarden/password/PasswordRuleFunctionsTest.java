package io.dbwarden.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.cel.CompiledRule;
import io.dbwarden.cel.RuleCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CEL functions, bound to the dictionary the compiler was built with. */
class PasswordRuleFunctionsTest {

    private static final String RULE = "rows.map(r, {'user': r.user, 'matched': weak_password(r.verifier, r.user), "
            + "'scheme': password_scheme(r.verifier), 'tried': password_candidates(r.verifier)})";

    @TempDir
    Path dir;

    @Test
    void theNoArgumentCompilerUsesTheBuiltInDictionary() throws Exception {
        List<Map<String, Object>> out = evaluate(new RuleCompiler(), List.of(
                row("bob", MysqlNativePassword.hash("Bob")),
                row("carol", MysqlNativePassword.hash("letmein")),
                row("dave", MysqlNativePassword.hash("correct horse battery staple")),
                row("erin", ""),
                row("frank", "$A$005$whatever-caching-sha2")));

        assertThat(out).extracting(m -> m.get("matched")).containsExactly("user name", "dictionary", "", "", "");
        assertThat(out).extracting(m -> m.get("scheme"))
                .containsExactly("mysql_native_password", "mysql_native_password", "mysql_native_password", "empty", "unknown");
        assertThat(out.get(1).get("tried")).isEqualTo("the 3,545 passwords of " + PasswordDictionary.builtIn().label());
    }

    @Test
    void aCompilerBuiltWithAFileDictionaryTriesThatFileInstead() throws Exception {
        Path file = dir.resolve("company.lst");
        Files.writeString(file, "# our own leaked list\nAcme2024!\n");
        RuleCompiler compiler = new RuleCompiler(PasswordDictionary.fromFile(file));

        List<Map<String, Object>> out = evaluate(compiler, List.of(
                row("app", PostgresMd5Password.hash("Acme2024!", "app")),
                row("web", PostgresMd5Password.hash("letmein", "web"))));

        assertThat(out).extracting(m -> m.get("matched")).containsExactly("dictionary", "");
        assertThat(out.get(0).get("tried")).isEqualTo("the 1 password of the dictionary file " + file);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> evaluate(RuleCompiler compiler, List<Map<String, Object>> rows)
            throws Exception {
        CompiledRule rule = compiler.compile(RULE, List.of("rows"));
        return (List<Map<String, Object>>) rule.evaluate(Map.of("rows", rows));
    }

    private static Map<String, Object> row(String user, String verifier) {
        return Map.of("user", user, "verifier", verifier);
    }
}
