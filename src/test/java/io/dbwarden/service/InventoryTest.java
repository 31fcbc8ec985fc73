package io.dbwarden.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbwarden.host.HostSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Targets from the configuration file and the API, audited, with secrets never shown. */
class InventoryTest {

    @TempDir
    Path dir;

    private DbwardenService start() {
        return DbwardenService.builder(ServiceFixture.config(dir,
                List.of(ServiceFixture.target("configured", "postgresql://monitor@db0:5432/postgres?password=env:PW")),
                List.of())).scheduling(false).start();
    }

    private static ServiceException.Reason reason(Throwable e) {
        return ((ServiceException) e).reason();
    }

    @Test
    void aTargetCreatedThroughTheApiCanBeReadChangedAndDeletedAndEveryChangeIsAudited() {
        try (DbwardenService service = start()) {
            TargetView created = service.inventory().create(new TargetInput("db1",
                    "postgresql://monitor@db1:5432/postgres?password=env:DB1_PW", Map.of("team", "orders"),
                    HostSpec.fromOptions("64GiB", 16, null)), "alice");

            assertThat(created.source()).isEqualTo("api");
            assertThat(created.engine()).isEqualTo("postgresql");
            assertThat(created.dsn()).isEqualTo("postgresql://monitor@db1:5432/postgres?password=env:DB1_PW");
            assertThat(created.host().memoryBytes()).isEqualTo(64L << 30);
            assertThat(service.inventory().list()).extracting(TargetView::name).containsExactly("configured", "db1");

            service.inventory().update("db1", new TargetInput(null, "mysql://monitor@db1:3306/?password=env:DB1_PW",
                    Map.of(), null), "bob");
            assertThat(service.inventory().get("db1").engine()).isEqualTo("mysql");
            service.inventory().delete("db1", "carol");
            assertThatThrownBy(() -> service.inventory().get("db1")).hasMessage("no target named 'db1'");

            List<AuditView> log = service.audit().list(10, Optional.empty());
            assertThat(log).extracting(a -> a.actor() + " " + a.action() + " " + a.subject()).containsExactly(
                    "carol target.delete target/db1", "bob target.update target/db1",
                    "alice target.create target/db1", "config target.create target/configured");
            assertThat(log.get(1).before().orElseThrow().get("engine").asText()).isEqualTo("postgresql");
            assertThat(log.get(1).after().orElseThrow().get("engine").asText()).isEqualTo("mysql");
        }
    }

    @Test
    void badTargetsAreRefusedWithASpecificReasonAndChangeNothing() {
        try (DbwardenService service = start()) {
            assertThatThrownBy(() -> service.inventory().create(new TargetInput("db 1", "postgresql://h/db", null, null),
                    "alice")).satisfies(e -> assertThat(reason(e)).isEqualTo(ServiceException.Reason.INVALID))
                    .hasMessageContaining("target name 'db 1'");
            assertThatThrownBy(() -> service.inventory().create(new TargetInput("db1", "oracle://h/db", null, null),
                    "alice")).hasMessageContaining("must start with postgresql://");
            assertThatThrownBy(() -> service.inventory().create(new TargetInput("db1",
                    "postgresql://h:99999/db", null, null), "alice"))
                    .satisfies(e -> assertThat(reason(e)).isEqualTo(ServiceException.Reason.INVALID))
                    .hasMessageStartingWith("target 'db1': ");
            assertThatThrownBy(() -> service.inventory().create(new TargetInput("configured",
                    "postgresql://h/db", null, null), "alice"))
                    .satisfies(e -> assertThat(reason(e)).isEqualTo(ServiceException.Reason.CONFLICT));
            assertThatThrownBy(() -> service.inventory().update("configured", new TargetInput(null,
                    "postgresql://h/db", null, null), "alice"))
                    .satisfies(e -> assertThat(reason(e)).isEqualTo(ServiceException.Reason.CONFLICT))
                    .hasMessageContaining("defined in the configuration file");
            assertThatThrownBy(() -> service.inventory().delete("configured", "alice"))
                    .satisfies(e -> assertThat(reason(e)).isEqualTo(ServiceException.Reason.CONFLICT));
            assertThatThrownBy(() -> service.inventory().delete("nope", "alice"))
                    .satisfies(e -> assertThat(reason(e)).isEqualTo(ServiceException.Reason.NOT_FOUND));

            assertThat(service.inventory().list()).extracting(TargetView::name).containsExactly("configured");
            assertThat(service.audit().list(10, Optional.empty())).hasSize(1);
        }
    }

    @Test
    void anInlinePasswordIsRefusedWithoutAKeyFileAndNeverRepeated() {
        try (DbwardenService service = start()) {
            assertThatThrownBy(() -> service.inventory().create(new TargetInput("db1",
                    "postgresql://monitor:hunter2-secret@db1/postgres", null, null), "alice"))
                    .satisfies(e -> assertThat(reason(e)).isEqualTo(ServiceException.Reason.INVALID))
                    .hasMessageContaining("password=env:NAME")
                    .message().doesNotContain("hunter2-secret");
            assertThat(service.inventory().list()).hasSize(1);
        }
    }

    @Test
    void testingAConnectionReportsTheVersionOrTheReasonWithoutThePassword() {
        try (DbwardenService service = start()) {
            service.inventory().create(new TargetInput("up", ServiceFixture.flagDatabase(), null, null), "alice");
            service.inventory().create(new TargetInput("down", "postgresql://postgres@127.0.0.1:1/postgres", null, null),
                    "alice");

            ConnectionTest up = service.inventory().testConnection("up");
            ConnectionTest down = service.inventory().testConnection("down");

            assertThat(up.ok()).isTrue();
            assertThat(up.version()).hasValueSatisfying(v -> assertThat(v).startsWith("15."));
            assertThat(down.ok()).isFalse();
            assertThat(down.error()).isPresent();
            assertThatThrownBy(() -> service.inventory().testConnection("nope")).hasMessage("no target named 'nope'");
        }
    }
}
