package io.dbwarden.template;

import io.dbwarden.target.Engine;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The quoting a placeholder may ask for, written after a bar: {@code {{user | ident}}}. */
enum Filter {
    /** A name in SQL: PostgreSQL "…" where quote_ident would quote, MySQL `…` always. */
    IDENT("ident", true),
    /** A string literal in SQL: PostgreSQL '…' (E'…' with backslashes), MySQL '…'. */
    LITERAL("literal", true),
    /** Several names joined by dots, each quoted as by ident: {@code {{schema, table | qualified}}}. */
    QUALIFIED("qualified", true),
    /** One word of a POSIX shell command line. */
    SHELL("shell", false);

    private final String id;
    private final boolean sql;

    Filter(String id, boolean sql) {
        this.id = id;
        this.sql = sql;
    }

    String id() {
        return id;
    }

    static Optional<Filter> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    static String known() {
        return Arrays.stream(values()).map(Filter::id).collect(Collectors.joining(", "));
    }

    /** Whether the engine has SQL this filter can quote for (MongoDB checks have none). */
    boolean appliesTo(Engine engine) {
        return !sql || engine == Engine.POSTGRESQL || engine == Engine.MYSQL;
    }

    String apply(Engine engine, List<String> values) {
        return switch (this) {
            case IDENT -> ident(engine, values.get(0));
            case QUALIFIED -> values.stream().map(v -> ident(engine, v)).collect(Collectors.joining("."));
            case LITERAL -> engine == Engine.POSTGRESQL ? PostgresQuoting.literal(values.get(0))
                    : MysqlQuoting.literal(values.get(0));
            case SHELL -> ShellQuoting.word(values.get(0));
        };
    }

    private static String ident(Engine engine, String name) {
        return engine == Engine.POSTGRESQL ? PostgresQuoting.ident(name) : MysqlQuoting.ident(name);
    }
}
