package io.dbwarden.service;

import io.dbwarden.check.CheckProblem;
import io.dbwarden.store.AuditEntry;
import io.dbwarden.store.FindingRecord;
import io.dbwarden.store.HistoryEntry;
import io.dbwarden.store.ItemRecord;
import io.dbwarden.store.RunRecord;
import io.dbwarden.store.StoredTarget;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Store records as the facades show them. */
final class Views {

    private Views() {
    }

    static TargetView target(StoredTarget t, Optional<Instant> lastSuccess) {
        return new TargetView(t.name(), t.definition().engine().id(), t.definition().redactedDsn(),
                t.definition().labels(), t.definition().host(), t.source().name().toLowerCase(Locale.ROOT),
                t.createdAt(), t.updatedAt(), lastSuccess);
    }

    static RunView run(RunRecord r) {
        return new RunView(r.id(), r.trigger().id(), r.target(), r.check(), r.requestedBy(), r.status().id(),
                r.queuedAt(), r.startedAt(), r.finishedAt(), r.itemsTotal(), r.itemsDone(), r.error());
    }

    static RunItemView item(ItemRecord i) {
        return new RunItemView(i.target(), i.check(), i.status().id(), i.reason(), i.millis());
    }

    static FindingView finding(FindingRecord f) {
        return new FindingView(f.fingerprint(), f.check(), f.target(), f.severity().id(), f.category().id(),
                f.state().id(), f.labels(), f.fields(), f.summary(), f.description(), f.remediation(), f.readMore(),
                f.firstSeen(), f.lastSeen(), f.resolvedAt(), f.reopened());
    }

    static FindingHistoryEntry history(HistoryEntry h) {
        return new FindingHistoryEntry(h.fingerprint(), h.runId(), h.at(), h.event().id());
    }

    static AuditView audit(AuditEntry a) {
        return new AuditView(a.id(), a.at(), a.actor(), a.action(), a.subject(), a.before(), a.after());
    }

    static CatalogProblemView problem(CheckProblem p) {
        return new CatalogProblemView(p.file(), p.line(), p.column(), p.message());
    }
}
