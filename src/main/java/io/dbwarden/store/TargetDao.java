package io.dbwarden.store;

import io.dbwarden.app.TargetDefinition;
import io.dbwarden.host.HostSpec;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The inventory of targets. A DSN with an inline password is kept only when a secret key file is configured, then
 * encrypted; without one it is refused. Deleting a target deletes its per-target check settings.
 */
public final class TargetDao {

    private static final String COLUMNS = "name, engine, dsn, dsn_sealed, labels, host, source, created_at, updated_at";

    private final Handles handles;
    private final Optional<SecretBox> box;

    TargetDao(Handles handles, Optional<SecretBox> box) {
        this.handles = handles;
        this.box = box;
    }

    public List<StoredTarget> list() {
        return handles.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM targets ORDER BY name")
                .map((rs, ctx) -> read(rs)).list());
    }

    public Optional<StoredTarget> find(String name) {
        return handles.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM targets WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> read(rs)).findOne());
    }

    /** Adds a target; false when one of that name exists. */
    public boolean create(TargetDefinition target, TargetSource source, Instant at) {
        Stored dsn = seal(target);
        return handles.call(h -> {
            if (exists(h, target.name())) {
                return false;
            }
            h.createUpdate("INSERT INTO targets (" + COLUMNS + ") VALUES (:name, :engine, :dsn, :sealed, :labels, "
                            + ":host, :source, :at, :at)")
                    .bind("name", target.name()).bind("engine", target.engine().id()).bind("dsn", dsn.text)
                    .bind("sealed", dsn.sealed).bind("labels", Json.write(target.labels()))
                    .bind("host", Json.write(host(target.host()))).bind("source", source.id()).bind("at", at)
                    .execute();
            return true;
        });
    }

    /** Replaces a target's definition, keeping its source and creation time; false when there is no such target. */
    public boolean update(TargetDefinition target, Instant at) {
        Stored dsn = seal(target);
        return handles.call(h -> h.createUpdate("UPDATE targets SET engine = :engine, dsn = :dsn, dsn_sealed = :sealed, "
                        + "labels = :labels, host = :host, updated_at = :at WHERE name = :name")
                .bind("name", target.name()).bind("engine", target.engine().id()).bind("dsn", dsn.text)
                .bind("sealed", dsn.sealed).bind("labels", Json.write(target.labels()))
                .bind("host", Json.write(host(target.host()))).bind("at", at).execute() == 1);
    }

    /** Deletes a target and its per-target check settings; its runs and findings stay as history. */
    public boolean delete(String name) {
        return handles.call(h -> {
            h.createUpdate("DELETE FROM check_settings WHERE scope = :name").bind("name", name).execute();
            return h.createUpdate("DELETE FROM targets WHERE name = :name").bind("name", name).execute() == 1;
        });
    }

    /**
     * Makes the configuration file's targets the stored ones of source {@code config}: new ones are created, changed
     * ones updated, ones no longer in the file deleted. A name taken by an API target is left to the API and
     * reported in {@link ConfigSync#conflicts()}.
     */
    public ConfigSync syncConfigured(List<TargetDefinition> configured, Instant at) {
        return handles.call(h -> {
            Map<String, StoredTarget> stored = new LinkedHashMap<>();
            for (StoredTarget t : new TargetDao(Handles.bound(h), box).list()) {
                stored.put(t.name(), t);
            }
            List<String> created = new ArrayList<>();
            List<String> updated = new ArrayList<>();
            List<String> conflicts = new ArrayList<>();
            TargetDao dao = new TargetDao(Handles.bound(h), box);
            for (TargetDefinition target : configured) {
                StoredTarget existing = stored.get(target.name());
                if (existing == null) {
                    dao.create(target, TargetSource.CONFIG, at);
                    created.add(target.name());
                } else if (existing.source() != TargetSource.CONFIG) {
                    conflicts.add(target.name());
                } else if (!existing.definition().equals(target)) {
                    dao.update(target, at);
                    updated.add(target.name());
                }
            }
            Set<String> names = configured.stream().map(TargetDefinition::name).collect(Collectors.toSet());
            List<String> deleted = new ArrayList<>();
            for (StoredTarget t : stored.values()) {
                if (t.source() == TargetSource.CONFIG && !names.contains(t.name())) {
                    dao.delete(t.name());
                    deleted.add(t.name());
                }
            }
            return new ConfigSync(created, updated, deleted, conflicts);
        });
    }

    /** What {@link #syncConfigured} changed. */
    public record ConfigSync(List<String> created, List<String> updated, List<String> deleted, List<String> conflicts) {
    }

    private static boolean exists(Handle h, String name) {
        return h.createQuery("SELECT COUNT(*) FROM targets WHERE name = :name").bind("name", name)
                .mapTo(Integer.class).one() > 0;
    }

    private record Stored(String text, String sealed) {
    }

    private Stored seal(TargetDefinition target) {
        if (!target.hasInlinePassword()) {
            return new Stored(target.dsn(), null);
        }
        SecretBox key = box.orElseThrow(() -> new IllegalArgumentException("target '" + target.name()
                + "': the DSN holds a password inline, which is stored only encrypted and no secret key file is "
                + "configured (secrets.key_file); give the password by reference instead: ?password=env:NAME or "
                + "?password=file:PATH"));
        return new Stored(target.redactedDsn(), key.seal(target.name(), target.dsn()));
    }

    private StoredTarget read(ResultSet rs) throws SQLException {
        String name = rs.getString("name");
        String sealed = rs.getString("dsn_sealed");
        String dsn = rs.getString("dsn");
        if (sealed != null) {
            dsn = box.orElseThrow(() -> new StoreException("target '" + name + "' has an encrypted DSN and no "
                    + "secret key file is configured (secrets.key_file)")).open(name, sealed);
        }
        TargetDefinition definition = new TargetDefinition(name, dsn, Json.strings(rs.getString("labels")),
                host(Json.values(rs.getString("host"))));
        return new StoredTarget(definition, TargetSource.fromId(rs.getString("source")),
                Times.instant(rs, "created_at"), Times.instant(rs, "updated_at"));
    }

    private static Map<String, Object> host(HostSpec host) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (host.memoryBytes() != null) {
            out.put("memory_bytes", host.memoryBytes());
        }
        if (host.cpus() != null) {
            out.put("cpus", host.cpus());
        }
        if (host.nodeExporter() != null) {
            out.put("node_exporter", host.nodeExporter().toString());
        }
        return out;
    }

    private static HostSpec host(Map<String, Object> json) {
        Object memory = json.get("memory_bytes");
        Object cpus = json.get("cpus");
        Object exporter = json.get("node_exporter");
        return new HostSpec(memory == null ? null : ((Number) memory).longValue(),
                cpus == null ? null : ((Number) cpus).intValue(), exporter == null ? null : URI.create((String) exporter));
    }
}
