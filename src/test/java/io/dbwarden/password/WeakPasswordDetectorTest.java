package io.dbwarden.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeakPasswordDetectorTest {

    private static final WeakPasswordDetector BUILT_IN = new WeakPasswordDetector(PasswordDictionary.builtIn());
    private static final byte[] SALT = "sixteen-byte-slt".getBytes(StandardCharsets.US_ASCII);

    @Test
    void userNameVariantsAreAsWrittenLowerUpperAndCapitalisedWithoutDuplicates() {
        assertThat(WeakPasswordDetector.userNameVariants("bob")).containsExactly("bob", "BOB", "Bob");
        assertThat(WeakPasswordDetector.userNameVariants("McAdmin")).containsExactly("McAdmin", "mcadmin", "MCADMIN", "Mcadmin");
        assertThat(WeakPasswordDetector.userNameVariants("")).isEmpty();
        assertThat(WeakPasswordDetector.userNameVariants(null)).isEmpty();
    }

    @Test
    void nativeHashesMatchTheUserNameBeforeTheDictionary() {
        assertThat(BUILT_IN.check(MysqlNativePassword.hash("BOB"), "bob")).isEqualTo(PasswordMatch.USER_NAME);
        assertThat(BUILT_IN.check(MysqlNativePassword.hash("admin"), "admin")).as("in the list too").isEqualTo(PasswordMatch.USER_NAME);
        assertThat(BUILT_IN.check(MysqlNativePassword.hash("password"), "bob")).isEqualTo(PasswordMatch.DICTIONARY);
        assertThat(BUILT_IN.check(MysqlNativePassword.hash("sss"), "bob")).as("last entry").isEqualTo(PasswordMatch.DICTIONARY);
        assertThat(BUILT_IN.check(MysqlNativePassword.hash("Tr0ub4dor&3-horse"), "bob")).isEqualTo(PasswordMatch.NONE);
        assertThat(BUILT_IN.check(MysqlNativePassword.hash("password").toLowerCase(), "bob"))
                .as("hex in either case").isEqualTo(PasswordMatch.DICTIONARY);
    }

    @Test
    void md5HashesAreSaltedWithTheRoleName() {
        assertThat(BUILT_IN.check(PostgresMd5Password.hash("Alice", "alice"), "alice")).isEqualTo(PasswordMatch.USER_NAME);
        assertThat(BUILT_IN.check(PostgresMd5Password.hash("letmein", "alice"), "alice")).isEqualTo(PasswordMatch.DICTIONARY);
        assertThat(BUILT_IN.check(PostgresMd5Password.hash("letmein", "alice"), "bob")).as("other role's salt")
                .isEqualTo(PasswordMatch.NONE);
        assertThat(BUILT_IN.check(PostgresMd5Password.hash("Tr0ub4dor&3-horse", "alice"), "alice")).isEqualTo(PasswordMatch.NONE);
    }

    @Test
    void scramIsTriedAgainstTheNameAndTheMostCommonWordsOnly() {
        PasswordDictionary words = PasswordDictionary.of("test words", List.of("one", "two", "three", "four", "five"));
        WeakPasswordDetector detector = new WeakPasswordDetector(words, 3);
        assertThat(detector.check(ScramSha256Verifier.create("Carol", SALT, 4096), "carol")).isEqualTo(PasswordMatch.USER_NAME);
        assertThat(detector.check(ScramSha256Verifier.create("three", SALT, 4096), "carol")).isEqualTo(PasswordMatch.DICTIONARY);
        assertThat(detector.check(ScramSha256Verifier.create("four", SALT, 4096), "carol")).as("beyond the first 3")
                .isEqualTo(PasswordMatch.NONE);
        String few = ScramSha256Verifier.create("five", SALT, 2048);
        assertThat(detector.dictionaryWordsTried(few)).as("half the iterations, twice the words (capped)").isEqualTo(5);
        assertThat(detector.check(few, "carol")).isEqualTo(PasswordMatch.DICTIONARY);
        assertThat(detector.candidatesTried(ScramSha256Verifier.create("x", SALT, 4096)))
                .isEqualTo("the first 3 of the 5 passwords of test words");
    }

    @Test
    void cachingSha2PasswordsAreSlowHashesTriedAgainstTheNameAndTheFirstWords() {
        byte[] salt = "20-byte-salt-7-bit!!".getBytes(StandardCharsets.US_ASCII);
        PasswordDictionary words = PasswordDictionary.of("test words", List.of("one", "two", "three"));
        WeakPasswordDetector detector = new WeakPasswordDetector(words, 2);
        assertThat(detector.check(CachingSha2Password.create("DEPLOY", salt, 5000), "deploy")).isEqualTo(PasswordMatch.USER_NAME);
        assertThat(detector.check(CachingSha2Password.create("two", salt, 5000), "deploy")).isEqualTo(PasswordMatch.DICTIONARY);
        assertThat(detector.check(CachingSha2Password.create("three", salt, 5000), "deploy")).isEqualTo(PasswordMatch.NONE);
        assertThat(detector.check(CachingSha2Password.create("three", salt, 5000), "deploy", 3)).isEqualTo(PasswordMatch.DICTIONARY);
        assertThat(detector.candidatesTried(CachingSha2Password.create("x", salt, 5000)))
                .isEqualTo("the first 2 of the 3 passwords of test words");
    }

    @Test
    void resultsAreCachedPerVerifierUserAndWordCount() {
        PasswordDictionary words = PasswordDictionary.of("test words", List.of("one"));
        WeakPasswordDetector detector = new WeakPasswordDetector(words, 1);
        String verifier = ScramSha256Verifier.create("one", SALT, 4096);
        assertThat(detector.check(verifier, "dave")).isEqualTo(PasswordMatch.DICTIONARY);
        assertThat(detector.check(verifier, "dave")).isEqualTo(PasswordMatch.DICTIONARY);
        assertThat(detector.cachedResults()).isEqualTo(1);
        assertThat(detector.check(verifier, "dave", 0)).isEqualTo(PasswordMatch.NONE);
        assertThat(detector.check(verifier, "erin")).isEqualTo(PasswordMatch.DICTIONARY);
        assertThat(detector.cachedResults()).isEqualTo(3);
    }

    @Test
    void slowVerifiersOfHigherCostAreTriedAgainstFewerWordsAndAboveTheCapAgainstNone() {
        PasswordDictionary words = PasswordDictionary.of("test words", List.of("one", "two"));
        WeakPasswordDetector detector = new WeakPasswordDetector(words, 2);
        assertThat(detector.dictionaryWordsTried(ScramSha256Verifier.create("x", SALT, 8192))).isEqualTo(1);
        assertThat(detector.dictionaryWordsTried(ScramSha256Verifier.create("x", SALT, 10_000))).isZero();
        String capped = ScramSha256Verifier.create("Frank", SALT, WeakPasswordDetector.MAX_SLOW_HASH_ITERATIONS + 1);
        assertThat(detector.check(capped, "frank")).as("not even the name is tried").isEqualTo(PasswordMatch.NONE);
        assertThat(detector.candidatesTried(capped)).isEqualTo("no password (the verifier uses 100,001 iterations, "
                + "more than 100,000)");
    }

    @Test
    void emptyUnknownAndHugeIterationVerifiersAreNeverMatched() {
        assertThat(BUILT_IN.check("", "bob")).isEqualTo(PasswordMatch.NONE);
        assertThat(BUILT_IN.check(null, "bob")).isEqualTo(PasswordMatch.NONE);
        assertThat(BUILT_IN.check("$A$005$0123456789012345678901234567890123456789012345678901234567890", "bob"))
                .isEqualTo(PasswordMatch.NONE);
        String huge = "SCRAM-SHA-256$2000000000:c2l4dGVlbi1ieXRlLXNsdA==$eiSgh1RUJu5sDKC6EzD/x9JVy5Rv4t8nkgTNKDHZy70="
                + ":468V9jAdbLhrQ5jn+6sWBHCPFPkMt6XXI1HlKbcJbcY=";
        assertThat(BUILT_IN.check(huge, "bob")).isEqualTo(PasswordMatch.NONE);
        assertThat(BUILT_IN.candidatesTried(huge)).startsWith("no password (the verifier uses 2,000,000,000 iterations");
        assertThat(BUILT_IN.candidatesTried("")).isEqualTo("no password (the empty scheme is not compared)");
    }

    @Test
    void descriptionsNameTheListAndHowMuchOfItWasTriedButNoPassword() {
        String tried = BUILT_IN.candidatesTried(MysqlNativePassword.hash("password"));
        assertThat(tried).isEqualTo("the 3,545 passwords of John the Ripper's password.lst (Openwall Project, "
                + "compiled by Solar Designer; public domain)");
        String scram = BUILT_IN.candidatesTried(ScramSha256Verifier.create("password", SALT, 4096));
        assertThat(scram).startsWith("the " + WeakPasswordDetector.DEFAULT_SLOW_HASH_CANDIDATES + " most common of the 3,545");
        assertThat(scram).doesNotContain("password1").doesNotContain("123456");
    }

    /** Issue 6, reproduction 7: weak_password(verifier, user, 10000) tried the whole list against every SCRAM role. */
    @Test
    void aRuleAskingForMoreSlowHashWordsThanTheMaximumGetsTheMaximum() {
        String scram = ScramSha256Verifier.create("not in the list", SALT, 4096);
        assertThat(BUILT_IN.dictionaryWordsTried(scram, 10_000)).isEqualTo(WeakPasswordDetector.MAX_SLOW_HASH_WORDS);
        assertThat(BUILT_IN.candidatesTried(scram, 10_000)).startsWith("the 1,000 most common of the 3,545 passwords");
        assertThat(BUILT_IN.dictionaryWordsTried(scram, -5)).isZero();
    }

    @Test
    void aVerifierThatTakesLongerThanTheTimeLimitEndsInAnErrorNamingItAndLeavesNothingHashing() {
        WeakPasswordDetector impatient = new WeakPasswordDetector(PasswordDictionary.builtIn(), 15, Duration.ofMillis(100));
        String scram = ScramSha256Verifier.create("not in the list", SALT, 4096);
        long t0 = System.nanoTime();
        // 1,000 candidates of about 1 ms of one core each
        assertThatThrownBy(() -> impatient.check(scram, "grace", WeakPasswordDetector.MAX_SLOW_HASH_WORDS))
                .isInstanceOf(WeakPasswordDetector.TimeLimitExceeded.class)
                .hasMessageContaining("took longer than its time limit of 100ms")
                .hasMessageNotContaining("not in the list");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        // the call returns only once every worker has stopped; each finishes at most the candidate it holds
        assertThat(millis).isLessThan(1_000);
        assertThat(impatient.cachedResults()).as("a time-out is not an answer to remember").isZero();
    }
}
