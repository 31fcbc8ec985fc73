package io.dbwarden.store;

import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * How a DAO gets a connection: each call in its own transaction from the pool, or every call on the one handle of an
 * enclosing {@link Store#transaction}.
 */
final class Handles {

    private final Jdbi jdbi;
    private final Handle handle;

    private Handles(Jdbi jdbi, Handle handle) {
        this.jdbi = jdbi;
        this.handle = handle;
    }

    static Handles pooled(Jdbi jdbi) {
        return new Handles(jdbi, null);
    }

    static Handles bound(Handle handle) {
        return new Handles(null, handle);
    }

    <R> R call(Function<Handle, R> work) {
        if (handle != null) {
            return work.apply(handle);
        }
        try {
            return jdbi.inTransaction(work::apply);
        } catch (JdbiException e) {
            throw Failures.of(e);
        }
    }
}
