package io.dbwarden.service;

import static io.dbwarden.service.ServiceFixture.assertFinished;
import static io.dbwarden.service.ServiceFixture.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbwarden.app.CheckOverride;
import io.dbwarden.app.ChecksConfig;
import io.dbwarden.app.ServiceConfig;
import io.dbwarden.check.Interval;
import io.dbwarden.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Check settings in force, their audit, and what disabling and failing evaluations do to findings. */
class CheckSettingsTest {

    @TempDir
    Path dir;

    private String dsn;
    private String db;

    private DbwardenService start(ChecksConfig checks) throws Exception {
        dsn = ServiceFixture.flagDatabase();
        db = ServiceFixture.databaseOf(dsn);
        ServiceConfig base = ServiceFixture.config(dir, List.of(ServiceFixture.target("db1", dsn),
                ServiceFixture.target("db2", ServiceFixture.flagDatabase())), List.of(ServiceFixture.checkDirectory(dir)));
        ServiceConfig config = new ServiceConfig(base.listen(), base.dataDir(), base.store(), base.routePrefix(),
                base.retention(), base.maxConcurrentTargets(), base.intervals(),
                new ChecksConfig(base.checks().directories(), checks.disabled(), checks.overrides()), base.targets(),
                base.alertmanagers(), base.tokens(), base.secretKeyFile());
        return DbwardenService.builder(config).scheduling(false).start();
    }

    private DbwardenService start() throws Exception {
        return start(ChecksConfig.DEFAULT);
    }

    private static RunDetail runFlags(DbwardenService service, String target) {
        return awaitEnd(service, service.runs().start(new RunScope(Optional.of(target), Optional.of("test_flags")),
                "alice"));
    }

    private static List<AuditView> settingChanges(DbwardenService service) {
        return service.audit().list(100, Optional.empty()).stream()
                .filter(a -> a.action().startsWith("check_setting.")).toList();
    }

    private static FindingView flag(DbwardenService service, String target) {
        return service.findings().query(FindingFilter.parse(target, "test_flags", null, null, null, null, null))
                .findings().getFirst();
    }

    @Test
    void aFindingIsResolvedOnlyByALaterSuccessfulEvaluationNotByAnError() throws Exception {
        try (DbwardenService service = start()) {
            PostgresServer.shared().executeIn(db, "INSERT INTO public.flags VALUES ('a')");
            assertFinished(runFlags(service, "db1"));
            String fingerprint = flag(service, "db1").fingerprint();

            PostgresServer.shared().executeIn(db, "DELETE FROM public.flags", "ALTER TABLE public.flags RENAME TO gone");
            RunDetail failing = runFlags(service, "db1");
            assertThat(failing.items()).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo("error"));
            assertThat(service.findings().get(fingerprint).state()).as("after an error").isEqualTo("open");

            PostgresServer.shared().executeIn(db, "ALTER TABLE public.gone RENAME TO flags");
            RunDetail passing = runFlags(service, "db1");
            assertThat(passing.items()).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo("ok"));

            FindingView resolved = service.findings().get(fingerprint);
            assertThat(resolved.state()).isEqualTo("resolved");
            assertThat(resolved.resolvedAt()).hasValueSatisfying(
                    at -> assertThat(at).isAfterOrEqualTo(passing.run().startedAt().orElseThrow()));
            assertThat(service.findings().history(fingerprint)).extracting(FindingHistoryEntry::event)
                    .containsExactly("opened", "resolved");
        }
    }

    @Test
    void disablingACheckForATargetMarksItsOpenFindingsDisabledAndItNoLongerRunsThere() throws Exception {
        try (DbwardenService service = start()) {
            PostgresServer.shared().executeIn(db, "INSERT INTO public.flags VALUES ('a')");
            assertFinished(runFlags(service, "db1"));

            CheckSettingsView view = service.checks().put("test_flags", Optional.of("db1"),
                    new SettingsChange(Optional.of(false), Optional.empty(), Map.of()), "alice");

            assertThat(view.effective().enabled()).isFalse();
            assertThat(service.checks().settings("test_flags", Optional.of("db2")).effective().enabled()).isTrue();
            FindingView disabled = flag(service, "db1");
            assertThat(disabled.state()).isEqualTo("disabled");
            assertThat(service.findings().history(disabled.fingerprint())).extracting(FindingHistoryEntry::event)
                    .containsExactly("opened", "disabled");

            PostgresServer.shared().executeIn(db, "DELETE FROM public.flags");
            RunDetail run = awaitEnd(service, service.runs().start(RunScope.check("test_flags"), "alice"));
            assertThat(run.items()).extracting(RunItemView::target).containsExactly("db2");
            assertThat(flag(service, "db1").state()).as("a disabled check resolves nothing").isEqualTo("disabled");
        }
    }

    @Test
    void everySettingChangeIsAuditedWithWhoBeforeAndAfter() throws Exception {
        try (DbwardenService service = start()) {
            service.checks().put("test_flags", Optional.empty(),
                    new SettingsChange(Optional.empty(), Optional.of("rare"), Map.of()), "alice");
            service.checks().put("test_flags", Optional.empty(),
                    new SettingsChange(Optional.of(false), Optional.of("6h"), Map.of("ignore", List.of("x"))), "bob");

            List<AuditView> log = settingChanges(service);

            assertThat(log).hasSize(2);
            AuditView last = log.getFirst();
            assertThat(last.actor()).isEqualTo("bob");
            assertThat(last.action()).isEqualTo("check_setting.put");
            assertThat(last.subject()).isEqualTo("check/test_flags");
            assertThat(last.before().orElseThrow().toString()).isEqualTo(
                    "{\"enabled\":null,\"interval\":\"rare\",\"params\":{}}");
            assertThat(last.after().orElseThrow().toString()).isEqualTo(
                    "{\"enabled\":false,\"interval\":\"6h\",\"params\":{\"ignore\":[\"x\"]}}");
            assertThat(log.get(1).actor()).isEqualTo("alice");
            assertThat(log.get(1).before()).isEmpty();
        }
    }

    @Test
    void settingsAreInForceFileThenConfigurationThenGlobalThenTarget() throws Exception {
        ChecksConfig config = new ChecksConfig(List.of(), Set.of(),
                Map.of("test_flags", new CheckOverride(Optional.of(Interval.parse("rare")), Map.of("ignore", List.of("c")))));
        try (DbwardenService service = start(config)) {
            assertThat(service.checks().get("test_flags").interval()).as("the file's").isEqualTo("frequent");
            assertThat(service.checks().get("test_flags").effective()).satisfies(e -> {
                assertThat(e.interval()).isEqualTo("rare");
                assertThat(e.intervalLength()).isEqualTo(Duration.ofHours(78));
                assertThat(e.params()).containsEntry("ignore", List.of("c"));
            });

            service.checks().put("test_flags", Optional.empty(),
                    new SettingsChange(Optional.empty(), Optional.of("standard"), Map.of()), "alice");
            service.checks().put("test_flags", Optional.of("db2"),
                    new SettingsChange(Optional.empty(), Optional.of("30m"), Map.of("ignore", List.of("d"))), "alice");

            assertThat(service.checks().settings("test_flags", Optional.empty()).effective())
                    .satisfies(e -> assertThat(e.interval()).isEqualTo("standard"));
            assertThat(service.checks().settings("test_flags", Optional.of("db1")).effective().interval())
                    .isEqualTo("standard");
            EffectiveSettings db2 = service.checks().settings("test_flags", Optional.of("db2")).effective();
            assertThat(db2.interval()).isEqualTo("30m");
            assertThat(db2.params()).containsEntry("ignore", List.of("d"));
            assertThat(service.checks().get("test_flags").settings()).extracting(CheckSettingsView::target)
                    .containsExactly(Optional.empty(), Optional.of("db2"));
        }
    }

    @Test
    void aConfiguredIgnoreParameterReachesTheRule() throws Exception {
        ChecksConfig config = new ChecksConfig(List.of(), Set.of(),
                Map.of("test_flags", new CheckOverride(Optional.empty(), Map.of("ignore", List.of("a")))));
        try (DbwardenService service = start(config)) {
            PostgresServer.shared().executeIn(db, "INSERT INTO public.flags VALUES ('a'), ('b')");

            runFlags(service, "db1");

            assertThat(service.findings().query(FindingFilter.parse("db1", "test_flags", null, null, null, null, null))
                    .findings()).extracting(f -> f.labels().get("name")).containsExactly("b");
        }
    }

    @Test
    void badSettingsAreRefusedWithASpecificMessageAndChangeNothing() throws Exception {
        try (DbwardenService service = start()) {
            assertThatThrownBy(() -> service.checks().put("test_flags", Optional.empty(),
                    new SettingsChange(Optional.empty(), Optional.of("sometimes"), Map.of()), "alice"))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.reason()).isEqualTo(ServiceException.Reason.INVALID))
                    .hasMessage("interval 'sometimes' is neither rare, standard, frequent nor a duration such as 6h");
            assertThatThrownBy(() -> service.checks().put("test_flags", Optional.empty(),
                    new SettingsChange(Optional.empty(), Optional.empty(), Map.of("ignore_users", List.of())), "alice"))
                    .hasMessage("check test_flags has no parameter 'ignore_users' (it has ignore)");
            assertThatThrownBy(() -> service.checks().put("no_such_check", Optional.empty(),
                    new SettingsChange(Optional.empty(), Optional.empty(), Map.of()), "alice"))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.reason()).isEqualTo(ServiceException.Reason.NOT_FOUND));
            assertThatThrownBy(() -> service.checks().put("test_flags", Optional.of("nope"),
                    new SettingsChange(Optional.empty(), Optional.empty(), Map.of()), "alice"))
                    .hasMessage("no target named 'nope'");

            assertThat(settingChanges(service)).isEmpty();
            assertThat(service.checks().get("test_flags").settings()).isEmpty();
        }
    }
}
