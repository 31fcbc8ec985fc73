package io.dbwarden.service;

import io.dbwarden.check.Check;
import io.dbwarden.check.Interval;
import io.dbwarden.store.CheckSetting;
import io.dbwarden.store.StoredTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The catalog as loaded and the operators' settings of its checks, each change audited. */
final class CheckSettingsService implements CheckSettings {

    private final ServiceContext ctx;

    CheckSettingsService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<CheckView> list() {
        EffectiveCatalog effective = ctx.effective();
        return effective.catalog().all().stream().map(c -> view(c, effective)).toList();
    }

    @Override
    public CheckView get(String name) {
        EffectiveCatalog effective = ctx.effective();
        return view(check(effective, name), effective);
    }

    @Override
    public List<CatalogProblemView> problems() {
        return ctx.catalogs().current().problems().stream().map(Views::problem).toList();
    }

    @Override
    public CheckSettingsView settings(String check, Optional<String> target) {
        EffectiveCatalog effective = ctx.effective();
        Check c = check(effective, check);
        requireTarget(target);
        Optional<CheckSetting> stored = ctx.store().checkSettings().find(c.name(), target);
        return view(c, target, stored, effective);
    }

    @Override
    public CheckSettingsView put(String check, Optional<String> target, SettingsChange change, String actor) {
        Actors.require(actor);
        EffectiveCatalog before = ctx.effective();
        Check c = check(before, check);
        requireTarget(target);
        if (change == null) {
            throw ServiceException.invalid("a check setting needs a body: enabled, interval and/or params");
        }
        Optional<Interval> interval = interval(change.interval());
        Map<String, Object> params = change.params() == null ? Map.of() : change.params();
        for (String name : params.keySet()) {
            if (!c.params().containsKey(name)) {
                throw ServiceException.invalid("check " + c.name() + " has no parameter '" + name + "'"
                        + (c.params().isEmpty() ? " (it has none)"
                        : " (it has " + String.join(", ", new TreeSet<>(c.params().keySet())) + ")"));
            }
        }
        Instant now = ctx.now();
        CheckSetting next;
        try {
            next = new CheckSetting(c.name(), target, change.enabled() == null ? Optional.empty() : change.enabled(),
                    interval, params, now, actor);
            c.withParams(params);
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid(e.getMessage());
        }
        boolean wasEnabled = before.settings(c, target).enabled();
        EffectiveCatalog after = before.with(next);
        boolean disabling = wasEnabled && !after.settings(c, target).enabled();
        ctx.store().useTransaction(tx -> {
            Optional<CheckSetting> previous = tx.checkSettings().find(c.name(), target);
            tx.checkSettings().put(next);
            tx.audit().record(now, actor, "check_setting.put", subject(c.name(), target),
                    previous.map(AuditJson::setting), Optional.of(AuditJson.setting(next)));
            if (disabling) {
                List<StoredTarget> targets = tx.targets().list();
                if (target.isEmpty() && targets.stream()
                        .noneMatch(t -> after.settings(c, Optional.of(t.name())).enabled())) {
                    tx.findings().markDisabled(c.name(), Optional.empty(), now);
                } else {
                    for (String t : offTargets(c, target, after, targets)) {
                        tx.findings().markDisabled(c.name(), Optional.of(t), now);
                    }
                }
            }
        });
        return view(c, target, Optional.of(next), after);
    }

    /**
     * Where a check that was just turned off is now off: the target, or, for a global change, every target except
     * those whose own setting keeps it on (they keep their findings open).
     */
    private static List<String> offTargets(Check check, Optional<String> target, EffectiveCatalog after,
            List<StoredTarget> targets) {
        if (target.isPresent()) {
            return List.of(target.get());
        }
        List<String> off = new ArrayList<>();
        for (StoredTarget t : targets) {
            if (!after.settings(check, Optional.of(t.name())).enabled()) {
                off.add(t.name());
            }
        }
        return off;
    }

    private static Optional<Interval> interval(Optional<String> text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Interval.parse(text.get()));
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid(e.getMessage());
        }
    }

    private void requireTarget(Optional<String> target) {
        if (target == null) {
            throw new NullPointerException("target");
        }
        target.ifPresent(t -> {
            if (ctx.store().targets().find(t).isEmpty()) {
                throw ServiceException.notFound("no target named '" + t + "'");
            }
        });
    }

    private static Check check(EffectiveCatalog effective, String name) {
        return effective.find(name == null ? "" : name)
                .orElseThrow(() -> ServiceException.notFound("no check named '" + name + "'"));
    }

    private static String subject(String check, Optional<String> target) {
        return "check/" + check + target.map(t -> "/target/" + t).orElse("");
    }

    private static CheckView view(Check c, EffectiveCatalog effective) {
        List<CheckSettingsView> settings = effective.storedSettings(c.name()).stream()
                .map(s -> view(c, s.target(), Optional.of(s), effective)).toList();
        return new CheckView(c.name(), c.engine().id(), c.category().id(), c.severity().id(), c.interval().id(),
                c.summary(), c.description(), c.remediation(), c.readMore(), c.params(), c.source(),
                effective.settings(c, Optional.empty()), settings);
    }

    private static CheckSettingsView view(Check c, Optional<String> target, Optional<CheckSetting> stored,
            EffectiveCatalog effective) {
        return new CheckSettingsView(c.name(), target, stored.flatMap(CheckSetting::enabled),
                stored.flatMap(CheckSetting::interval).map(Interval::id),
                stored.map(CheckSetting::params).orElse(Map.of()), stored.map(CheckSetting::updatedAt),
                stored.map(CheckSetting::updatedBy), effective.settings(c, target));
    }
}
