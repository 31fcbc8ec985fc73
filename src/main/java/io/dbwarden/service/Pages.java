package io.dbwarden.service;

/** Page sizes, checked before they reach the store. */
final class Pages {

    private Pages() {
    }

    static void requireLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw ServiceException.invalid("limit must be between 1 and " + max + ", got " + limit);
        }
    }
}
