package io.dbwarden.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.dbwarden.host.HostSpec;
import io.dbwarden.service.TargetInput;
import io.dbwarden.web.BadRequest;
import java.util.Map;

/**
 * The body of {@code POST /targets} and {@code PUT /targets/{name}}. Whether its values make a target that can work
 * (a DSN that parses, label names) is the service's judgement (422); this only checks that the body has its parts.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record TargetBody(String name, String dsn, Map<String, String> labels, HostJson host) {

    TargetInput forCreate() {
        if (name == null || name.isBlank()) {
            throw new BadRequest("a target needs a \"name\"");
        }
        return input(name);
    }

    /** On update the path names the target; a name in the body must be the same (renaming is delete and create). */
    TargetInput forUpdate(String pathName) {
        if (name != null && !name.equals(pathName)) {
            throw new BadRequest("the body names target '" + name + "' but the path names '" + pathName
                    + "'; a target cannot be renamed, delete it and create the new one");
        }
        return input(pathName);
    }

    private TargetInput input(String targetName) {
        if (dsn == null || dsn.isBlank()) {
            throw new BadRequest("a target needs a \"dsn\"");
        }
        if (labels != null && labels.containsValue(null)) {
            throw new BadRequest("a label value must be a string, not null");
        }
        HostSpec spec = host == null ? HostSpec.none() : host.toSpec();
        return new TargetInput(targetName, dsn, labels == null ? Map.of() : labels, spec);
    }
}
