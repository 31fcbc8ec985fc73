package io.dbwarden.target;

import java.util.List;
import java.util.Locale;

/** "Did you mean sslmode?" for a mistyped DSN parameter. */
final class ParameterSuggestions {

    /** At most this many edits apart, however long the name, or unrelated names start to look alike. */
    private static final int MAX_DISTANCE = 2;
    /** Allow one edit per this many characters of the name typed (and always at least one). */
    private static final int CHARACTERS_PER_EDIT = 3;

    private ParameterSuggestions() {
    }

    /** The closest supported name within a small edit distance, treating '_' and '-' alike; null when none is close. */
    static String closest(String typed, List<String> supported) {
        String normalized = typed.toLowerCase(Locale.ROOT).replace('_', '-');
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : supported) {
            int distance = distance(normalized, candidate.replace('_', '-'));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(1, Math.min(MAX_DISTANCE, typed.length() / CHARACTERS_PER_EDIT));
        return bestDistance <= allowed ? best : null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
