package io.dbwarden.target;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of database server dbwarden can assess. */
public enum Engine {
    MYSQL("mysql"),
    POSTGRESQL("postgresql"),
    MONGODB("mongodb");

    private final String id;

    Engine(String id) {
        this.id = id;
    }

    /** The stable lower-case identifier used in check files, labels and reports. */
    public String id() {
        return id;
    }

    /** Returns the engine with the given id, ignoring case and surrounding blanks. */
    public static Engine fromId(String id) {
        if (id != null) {
            String wanted = id.strip();
            for (Engine engine : values()) {
                if (engine.id.equalsIgnoreCase(wanted)) {
                    return engine;
                }
            }
        }
        String valid = Arrays.stream(values()).map(Engine::id).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown engine '" + id + "' (expected one of: " + valid + ")");
    }
}
