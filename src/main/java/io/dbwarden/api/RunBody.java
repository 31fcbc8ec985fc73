package io.dbwarden.api;

import io.dbwarden.service.RunScope;
import java.util.Optional;

/** The body of {@code POST /runs}: {@code {}} runs everything, {@code target} and/or {@code check} narrow it. */
record RunBody(String target, String check) {

    static final RunBody ALL = new RunBody(null, null);

    RunScope scope() {
        return new RunScope(Optional.ofNullable(target), Optional.ofNullable(check));
    }
}
