package io.dbwarden.api;

import io.dbwarden.web.BadRequest;
import java.util.Optional;

/**
 * Cursors of the list routes. A cursor is the {@code next_cursor} of the previous page, to be passed back as it is;
 * inside it is a number (the last run or audit id seen, or the offset of the next page of findings), which clients
 * must not rely on.
 */
final class Paging {

    /** The page size when a request gives no {@code limit}: a screenful of rows, and a small answer. */
    static final int DEFAULT_LIMIT = 100;

    private Paging() {
    }

    static Optional<Long> cursor(QueryParams query) {
        return query.text("cursor").map(Paging::decode);
    }

    static String encode(long position) {
        return Long.toString(position);
    }

    private static long decode(String cursor) {
        try {
            long value = Long.parseLong(cursor);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, with the same sentence
        }
        throw new BadRequest("cursor '" + QueryParams.shorten(cursor) + "' is not one this server gave out; "
                + "pass the next_cursor of the previous page, or leave it out for the first page");
    }
}
