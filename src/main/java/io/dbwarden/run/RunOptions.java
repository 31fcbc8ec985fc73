package io.dbwarden.run;

import io.dbwarden.host.HostSpec;
import io.dbwarden.target.ConnectOptions;
import java.time.Duration;
import java.util.Objects;

/** How a run connects, how long it samples counters for rates, and what the user declared about hosts. */
public record RunOptions(String trigger, ConnectOptions connect, Duration sample, HostSpec host) {
    public RunOptions {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(host, "host");
        if (sample.isNegative()) {
            throw new IllegalArgumentException("the sampling window cannot be negative");
        }
    }
}
