package io.dbwarden.store;

import io.dbwarden.app.Names;
import io.dbwarden.check.Check;
import io.dbwarden.run.RunTrigger;
import java.util.Objects;
import java.util.Optional;

/**
 * A run to queue: everything, one target, or one check (or one check on one target).
 *
 * @param requestedBy the token name, {@code scheduler} or {@code cli}
 */
public record RunRequest(RunTrigger trigger, Optional<String> target, Optional<String> check, String requestedBy) {
    public RunRequest {
        Objects.requireNonNull(trigger, "trigger");
        target.ifPresent(Names::requireTarget);
        check.ifPresent(c -> {
            if (!Check.NAME.matcher(c).matches()) {
                throw new IllegalArgumentException("'" + c + "' is not a check name");
            }
        });
        if (requestedBy == null || requestedBy.isBlank()) {
            throw new IllegalArgumentException("a run needs who requested it");
        }
    }
}
