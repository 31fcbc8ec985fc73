package io.dbwarden.password;

/** What a stored verifier was found to match: never the password itself. */
public enum PasswordMatch {
    NONE(""),
    /** The account's own name, or its lower-case, upper-case or capitalised form. */
    USER_NAME("user name"),
    /** A word of the password dictionary. */
    DICTIONARY("dictionary");

    private final String id;

    PasswordMatch(String id) {
        this.id = id;
    }

    /** What rules see: '', 'user name' or 'dictionary'. */
    public String id() {
        return id;
    }
}
