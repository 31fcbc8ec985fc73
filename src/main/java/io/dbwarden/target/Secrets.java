package io.dbwarden.target;

import java.util.HashSet;
import java.util.Set;

/** Removes a password from text that came from a driver or the operating system. */
final class Secrets {

    static final String MASK = "***";
    /** Shorter passwords are only masked as whole words, or every message would be shredded. */
    private static final int MIN_SUBSTRING_LENGTH = 4;

    private Secrets() {
    }

    static String scrub(String text, String password) {
        if (text == null || password == null || password.isEmpty()) {
            return text;
        }
        String result = text;
        for (String form : forms(password)) {
            result = form.length() >= MIN_SUBSTRING_LENGTH ? result.replace(form, MASK) : replaceWord(result, form);
        }
        return result;
    }

    static boolean contains(String text, String password) {
        return text != null && !text.equals(scrub(text, password));
    }

    /** Whether any message in the cause chain (with suppressed exceptions) mentions the password. */
    static boolean leaks(Throwable error, String password) {
        Set<Throwable> seen = new HashSet<>();
        return leaks(error, password, seen);
    }

    private static boolean leaks(Throwable error, String password, Set<Throwable> seen) {
        if (error == null || !seen.add(error)) {
            return false;
        }
        if (contains(error.getMessage(), password) || contains(error.toString(), password)) {
            return true;
        }
        for (Throwable suppressed : error.getSuppressed()) {
            if (leaks(suppressed, password, seen)) {
                return true;
            }
        }
        return leaks(error.getCause(), password, seen);
    }

    private static Set<String> forms(String password) {
        Set<String> forms = new HashSet<>();
        forms.add(password);
        forms.add(PercentCoding.encode(password, ""));
        return forms;
    }

    private static String replaceWord(String text, String word) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        int index;
        while ((index = text.indexOf(word, from)) >= 0) {
            int end = index + word.length();
            boolean startsWord = index == 0 || !Character.isLetterOrDigit(text.charAt(index - 1));
            boolean endsWord = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            out.append(text, from, index).append(startsWord && endsWord ? MASK : word);
            from = end;
        }
        return out.append(text.substring(from)).toString();
    }
}
