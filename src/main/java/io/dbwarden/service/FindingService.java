package io.dbwarden.service;

import io.dbwarden.store.FindingQuery;
import io.dbwarden.store.FindingRecord;
import java.util.List;
import java.util.Optional;

/** Findings as runs recorded them. */
final class FindingService implements Findings {

    private final ServiceContext ctx;

    FindingService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public FindingPage query(FindingFilter f) {
        // one more than the page tells whether there is a next page without counting the table
        List<FindingRecord> rows = ctx.store().findings().list(new FindingQuery(f.target(), f.check(), f.severity(),
                f.category(), f.state(), f.limit() + 1, f.offset()));
        boolean more = rows.size() > f.limit();
        List<FindingView> page = rows.stream().limit(f.limit()).map(Views::finding).toList();
        return new FindingPage(page, f.limit(), f.offset(),
                more ? Optional.of(f.offset() + f.limit()) : Optional.empty());
    }

    @Override
    public FindingView get(String fingerprint) {
        return Views.finding(find(fingerprint));
    }

    @Override
    public List<FindingHistoryEntry> history(String fingerprint) {
        find(fingerprint);
        return ctx.store().findings().history(fingerprint).stream().map(Views::history).toList();
    }

    private FindingRecord find(String fingerprint) {
        return ctx.store().findings().find(fingerprint == null ? "" : fingerprint)
                .orElseThrow(() -> ServiceException.notFound("no finding with fingerprint '" + fingerprint + "'"));
    }
}
