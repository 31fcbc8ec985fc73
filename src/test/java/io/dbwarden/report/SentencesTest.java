package io.dbwarden.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void cutsAtTheEndOfTheFirstSentence() {
        assertThat(Sentences.first("Roles can log in. Revoke it.")).isEqualTo("Roles can log in.");
    }

    @Test
    void doesNotCutAtAbbreviationsOrVersionNumbers() {
        assertThat(Sentences.first("Servers before 13.4 leak, e.g. via logs. More.")).isEqualTo("Servers before 13.4 leak, e.g. via logs.");
    }

    @Test
    void joinsLinesAndKeepsPlaceholders() {
        assertThat(Sentences.first("Role {{user}}\n  has no password. {{user}} can log in.")).isEqualTo("Role {{user}} has no password.");
    }

    @Test
    void returnsTheWholeTextWhenThereIsOneSentence() {
        assertThat(Sentences.first("  no full stop  ")).isEqualTo("no full stop");
    }
}
