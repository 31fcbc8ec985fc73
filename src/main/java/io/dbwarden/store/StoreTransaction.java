package io.dbwarden.store;

import java.time.Instant;
import java.util.Optional;

/** The DAOs of one {@link Store#transaction}: every call made through them commits or rolls back together. */
public final class StoreTransaction {

    private final Handles handles;
    private final Optional<SecretBox> box;

    StoreTransaction(Handles handles, Optional<SecretBox> box) {
        this.handles = handles;
        this.box = box;
    }

    public TargetDao targets() {
        return new TargetDao(handles, box);
    }

    public CheckSettingDao checkSettings() {
        return new CheckSettingDao(handles);
    }

    public RunDao runs() {
        return new RunDao(handles);
    }

    public FindingDao findings() {
        return new FindingDao(handles);
    }

    public AuditDao audit() {
        return new AuditDao(handles);
    }

    public ApiTokenDao tokens() {
        return new ApiTokenDao(handles);
    }

    public SilenceDao silences() {
        return new SilenceDao(handles);
    }

    PruneResult prune(Instant olderThan) {
        Instant cutoff = Times.stored(olderThan);
        return handles.call(h -> {
            int findings = h.createUpdate("DELETE FROM findings WHERE state = 'resolved' AND resolved_at < :cutoff")
                    .bind("cutoff", cutoff).execute();
            int seen = h.createUpdate("DELETE FROM finding_history WHERE event = 'seen' AND event_at < :cutoff")
                    .bind("cutoff", cutoff).execute();
            // run_items go with their run (ON DELETE CASCADE); history keeps transitions with run_id NULL.
            int runs = h.createUpdate("DELETE FROM runs WHERE finished_at < :cutoff").bind("cutoff", cutoff).execute();
            int silences = h.createUpdate("DELETE FROM silences WHERE ends_at < :cutoff").bind("cutoff", cutoff).execute();
            return new PruneResult(runs, findings, seen, silences);
        });
    }
}
