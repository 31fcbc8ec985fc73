package io.dbwarden.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenHashTest {

    @Test
    void theStoredFormIsSha256OfTheTokenInLowercaseHex() {
        // printf %s 'correct horse battery staple' | sha256sum
        assertThat(TokenHash.of("correct horse battery staple").toString())
                .isEqualTo("sha256:c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a");
    }

    @Test
    void aStoredHashReadsBackAsTheSameHash() {
        String stored = "sha256:c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a";

        assertThat(TokenHash.parse(stored)).isEqualTo(TokenHash.of("correct horse battery staple"));
        assertThat(TokenHash.parse(stored).toString()).isEqualTo(stored);
    }

    @Test
    void aPlainTokenWhereTheHashBelongsIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> TokenHash.parse("my-secret-token"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a token hash must be sha256:<64 lowercase hex digits> (the SHA-256 of the token), "
                        + "not a value of 15 characters; store the hash, never the token")
                .message().doesNotContain("my-secret-token");
    }

    @Test
    void uppercaseHexOrAnotherAlgorithmIsRefused() {
        assertThatThrownBy(() -> TokenHash.parse(
                "sha256:C4BBCB1FBEC99D65BF59D85C8CB62EE2DB963F0FE106F483D9AFA73BD4E39A8A"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenHash.parse("md5:0cc175b9c0f1b6a831c399e269772661"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenHash.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTokenMatchesOnlyItsOwnHash() {
        TokenHash hash = TokenHash.of("token-a");

        assertThat(hash.matchesDigest(TokenHash.sha256("token-a"))).isTrue();
        assertThat(hash.matchesDigest(TokenHash.sha256("token-b"))).isFalse();
        assertThat(hash.matchesDigest(TokenHash.sha256("token-a "))).isFalse();
    }
}
