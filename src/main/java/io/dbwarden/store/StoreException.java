package io.dbwarden.store;

/**
 * The store could not do what was asked: it is unreachable, its file is in use, a migration failed, or a statement
 * failed. The message says which, without statement arguments (they may hold target data).
 */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
