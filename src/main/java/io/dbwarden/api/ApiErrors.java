package io.dbwarden.api;

import io.dbwarden.service.ServiceException;
import io.dbwarden.web.ApiException;
import io.dbwarden.web.Conflict;
import io.dbwarden.web.NotFound;
import io.dbwarden.web.Unprocessable;

/** The one place where the service's refusals become HTTP statuses. */
final class ApiErrors {

    private ApiErrors() {
    }

    static ApiException of(ServiceException e) {
        return switch (e.reason()) {
            case INVALID -> new Unprocessable(e.getMessage());
            case NOT_FOUND -> new NotFound(e.getMessage());
            case CONFLICT -> new Conflict(e.getMessage());
        };
    }

    static Unprocessable unprocessable(String message) {
        return new Unprocessable(message);
    }
}
