package io.dbwarden.service;

import io.dbwarden.check.Check;
import io.dbwarden.store.RunRecord;
import io.dbwarden.store.RunRequest;
import io.dbwarden.store.RunStatus;
import io.dbwarden.run.RunTrigger;
import io.dbwarden.store.StoreException;
import io.dbwarden.store.StoredTarget;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/** "Run now" and the run record. */
final class RunService implements Runs {

    private final ServiceContext ctx;
    private final LongConsumer dispatcher;

    RunService(ServiceContext ctx, LongConsumer dispatcher) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
    }

    @Override
    public long start(RunScope scope, String requestedBy) {
        Actors.require(requestedBy);
        if (scope == null) {
            throw ServiceException.invalid("a run needs a scope: everything, a target or a check");
        }
        Optional<StoredTarget> target = scope.target().map(name -> ctx.store().targets().find(name)
                .orElseThrow(() -> ServiceException.notFound("no target named '" + name + "'")));
        Optional<Check> check = scope.check().map(name -> ctx.catalogs().catalog().find(name)
                .orElseThrow(() -> ServiceException.notFound("no check named '" + name + "'")));
        if (target.isPresent() && check.isPresent()
                && target.get().definition().engine() != check.get().engine()) {
            throw ServiceException.invalid("check " + check.get().name() + " is for " + check.get().engine().id()
                    + " servers and target " + target.get().name() + " is a " + target.get().definition().engine().id()
                    + " server");
        }
        long id = ctx.store().runs().create(new RunRequest(RunTrigger.MANUAL, scope.target(), scope.check(),
                requestedBy), ctx.now());
        try {
            dispatcher.accept(id);
        } catch (RuntimeException e) {
            ctx.store().runs().finish(id, RunStatus.FAILED, Optional.of("could not be queued: " + e.getMessage()),
                    ctx.now());
            throw new StoreException("run " + id + " could not be queued: " + e.getMessage(), e);
        }
        return id;
    }

    @Override
    public List<RunView> list(int limit, Optional<Long> beforeId) {
        Pages.requireLimit(limit, MAX_PAGE);
        return ctx.store().runs().list(limit, beforeId).stream().map(Views::run).toList();
    }

    @Override
    public RunDetail get(long id) {
        RunRecord run = ctx.store().runs().find(id)
                .orElseThrow(() -> ServiceException.notFound("no run with id " + id));
        return new RunDetail(Views.run(run), ctx.store().runs().items(id).stream().map(Views::item).toList());
    }
}
