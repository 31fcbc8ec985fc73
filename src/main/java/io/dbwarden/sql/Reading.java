package io.dbwarden.sql;

import java.util.Optional;

/**
 * One way a server may read a text (for MySQL, with the choices its version comments leave open): its tokens, or
 * why they cannot be known.
 *
 * @param how empty for the default reading, else the condition under which a server reads the text so, e.g.
 *            "with sql_mode ANSI_QUOTES"
 */
record Reading(String how, TokenGraph graph, String unreadable) {

    static Reading of(String how, TokenGraph graph) {
        return new Reading(how, graph, null);
    }

    static Reading unreadable(String how, UnreadableSqlException e) {
        return new Reading(how, null, e.getMessage());
    }

    /** Why the text is refused in this reading, if it is. */
    Optional<String> refusal() {
        Optional<String> refusal = unreadable != null ? Optional.of(unreadable) : ReadOnlyRules.refusal(graph);
        return how.isEmpty() ? refusal : refusal.map(r -> r + " (" + how + ")");
    }
}
