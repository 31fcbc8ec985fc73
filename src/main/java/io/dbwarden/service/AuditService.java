package io.dbwarden.service;

import java.util.List;
import java.util.Optional;

/** The audit log as the store keeps it. */
final class AuditService implements Audit {

    private final ServiceContext ctx;

    AuditService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<AuditView> list(int limit, Optional<Long> beforeId) {
        Pages.requireLimit(limit, MAX_PAGE);
        return ctx.store().audit().list(limit, beforeId).stream().map(Views::audit).toList();
    }
}
