package io.dbwarden.api;

import io.dbwarden.service.ServiceException;
import java.util.function.Supplier;

/** Calls the service and turns its refusal into the matching HTTP answer (see {@link ApiErrors}). */
final class ServiceCall {

    private ServiceCall() {
    }

    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (ServiceException e) {
            throw ApiErrors.of(e);
        }
    }

    static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
