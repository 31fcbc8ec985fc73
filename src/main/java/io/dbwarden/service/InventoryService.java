package io.dbwarden.service;

import io.dbwarden.app.TargetDefinition;
import io.dbwarden.host.HostSpec;
import io.dbwarden.store.StoredTarget;
import io.dbwarden.store.TargetSource;
import io.dbwarden.target.DsnException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The targets: the store's, each change with its audit entry in the same transaction. */
final class InventoryService implements Inventory {

    private final ServiceContext ctx;

    InventoryService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<TargetView> list() {
        Map<String, Instant> reached = ctx.store().evaluations().lastReached();
        return ctx.store().targets().list().stream()
                .map(t -> Views.target(t, Optional.ofNullable(reached.get(t.name()))))
                .toList();
    }

    @Override
    public TargetView get(String name) {
        StoredTarget target = find(name);
        return Views.target(target, Optional.ofNullable(ctx.store().evaluations().lastReached().get(name)));
    }

    @Override
    public TargetView create(TargetInput input, String actor) {
        Actors.require(actor);
        if (input == null) {
            throw ServiceException.invalid("a target needs a name and a DSN");
        }
        TargetDefinition target = definition(input.name(), input);
        Instant now = ctx.now();
        guarded(() -> ctx.store().useTransaction(tx -> {
            if (!tx.targets().create(target, TargetSource.API, now)) {
                throw ServiceException.conflict("a target named '" + target.name() + "' already exists");
            }
            tx.audit().record(now, actor, "target.create", subject(target.name()), Optional.empty(),
                    Optional.of(AuditJson.target(target)));
        }));
        return get(target.name());
    }

    @Override
    public TargetView update(String name, TargetInput input, String actor) {
        Actors.require(actor);
        StoredTarget existing = find(name);
        if (input == null) {
            throw ServiceException.invalid("a target needs a DSN");
        }
        if (input.name() != null && !input.name().equals(name)) {
            throw ServiceException.invalid("the body names target '" + input.name() + "' but the request is for '"
                    + name + "'; a target cannot be renamed (delete it and create another)");
        }
        requireApiTarget(existing, "changed");
        TargetDefinition target = definition(name, input);
        Instant now = ctx.now();
        guarded(() -> ctx.store().useTransaction(tx -> {
            if (!tx.targets().update(target, now)) {
                throw ServiceException.notFound("no target named '" + name + "'");
            }
            tx.audit().record(now, actor, "target.update", subject(name),
                    Optional.of(AuditJson.target(existing.definition())), Optional.of(AuditJson.target(target)));
        }));
        return get(name);
    }

    @Override
    public void delete(String name, String actor) {
        Actors.require(actor);
        StoredTarget existing = find(name);
        requireApiTarget(existing, "deleted");
        Instant now = ctx.now();
        ctx.store().useTransaction(tx -> {
            if (!tx.targets().delete(name)) {
                throw ServiceException.notFound("no target named '" + name + "'");
            }
            tx.audit().record(now, actor, "target.delete", subject(name),
                    Optional.of(AuditJson.target(existing.definition())), Optional.empty());
        });
    }

    @Override
    public ConnectionTest testConnection(String name) {
        return ctx.engine().test(find(name).definition());
    }

    StoredTarget find(String name) {
        return ctx.store().targets().find(name == null ? "" : name)
                .orElseThrow(() -> ServiceException.notFound("no target named '" + name + "'"));
    }

    private static void requireApiTarget(StoredTarget target, String verb) {
        if (target.source() == TargetSource.CONFIG) {
            throw ServiceException.conflict("target '" + target.name() + "' is defined in the configuration file; it "
                    + "can only be " + verb + " there");
        }
    }

    /** Validates what a client sent: name, labels, DSN syntax and host facts, each with its own message. */
    private static TargetDefinition definition(String name, TargetInput input) {
        TargetDefinition target;
        try {
            target = new TargetDefinition(name, input.dsn(), input.labels(),
                    input.host() == null ? HostSpec.none() : input.host());
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid(e.getMessage());
        }
        try {
            EngineGateway.validate(target);
        } catch (DsnException e) {
            throw ServiceException.invalid("target '" + name + "': " + e.getMessage());
        }
        return target;
    }

    /** The store refuses an inline password without a key file with an IllegalArgumentException: a client's mistake. */
    private static void guarded(Runnable change) {
        try {
            change.run();
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid(e.getMessage());
        }
    }

    static String subject(String target) {
        return "target/" + target;
    }
}
