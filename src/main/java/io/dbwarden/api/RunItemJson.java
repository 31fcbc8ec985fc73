package io.dbwarden.api;

import io.dbwarden.service.RunItemView;

/** How one (target, check) pair of a run ended; {@code reason} says why for {@code error} and {@code skipped}. */
record RunItemJson(String target, String check, String status, String reason, long millis) {

    static RunItemJson of(RunItemView i) {
        return new RunItemJson(i.target(), i.check(), i.status(), i.reason().orElse(null), i.millis());
    }
}
