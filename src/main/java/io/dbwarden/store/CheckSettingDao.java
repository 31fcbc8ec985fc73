package io.dbwarden.store;

import io.dbwarden.check.Interval;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Operators' check settings: enabled, interval and params, for every target or one. */
public final class CheckSettingDao {

    /** The scope of a setting for every target; no target name can be "*". */
    static final String ALL_TARGETS = "*";
    private static final String COLUMNS = "check_name, scope, enabled, interval_override, params, updated_at, updated_by";

    private final Handles handles;

    CheckSettingDao(Handles handles) {
        this.handles = handles;
    }

    public List<CheckSetting> list() {
        return handles.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM check_settings ORDER BY check_name, scope")
                .map((rs, ctx) -> read(rs)).list());
    }

    public List<CheckSetting> forCheck(String check) {
        return handles.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM check_settings WHERE check_name = :check "
                        + "ORDER BY scope").bind("check", check).map((rs, ctx) -> read(rs)).list());
    }

    public Optional<CheckSetting> find(String check, Optional<String> target) {
        return handles.call(h -> h.createQuery("SELECT " + COLUMNS + " FROM check_settings WHERE check_name = :check "
                        + "AND scope = :scope").bind("check", check).bind("scope", target.orElse(ALL_TARGETS))
                .map((rs, ctx) -> read(rs)).findOne());
    }

    /** Stores the setting, replacing the one of the same check and scope. */
    public void put(CheckSetting s) {
        handles.call(h -> {
            String params = s.params().isEmpty() ? null : Json.write(s.params());
            Boolean enabled = s.enabled().orElse(null);
            String interval = s.interval().map(Interval::id).orElse(null);
            int updated = h.createUpdate("UPDATE check_settings SET enabled = :enabled, interval_override = :interval, "
                            + "params = :params, updated_at = :at, updated_by = :by WHERE check_name = :check AND scope = :scope")
                    .bind("enabled", enabled).bind("interval", interval).bind("params", params)
                    .bind("at", s.updatedAt()).bind("by", s.updatedBy()).bind("check", s.check())
                    .bind("scope", s.target().orElse(ALL_TARGETS)).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO check_settings (" + COLUMNS + ") VALUES (:check, :scope, :enabled, "
                                + ":interval, :params, :at, :by)")
                        .bind("enabled", enabled).bind("interval", interval).bind("params", params)
                        .bind("at", s.updatedAt()).bind("by", s.updatedBy()).bind("check", s.check())
                        .bind("scope", s.target().orElse(ALL_TARGETS)).execute();
            }
            return null;
        });
    }

    public boolean delete(String check, Optional<String> target) {
        return handles.call(h -> h.createUpdate("DELETE FROM check_settings WHERE check_name = :check AND scope = :scope")
                .bind("check", check).bind("scope", target.orElse(ALL_TARGETS)).execute() == 1);
    }

    private static CheckSetting read(ResultSet rs) throws SQLException {
        String scope = rs.getString("scope");
        boolean enabled = rs.getBoolean("enabled");
        Optional<Boolean> enabledOrInherit = rs.wasNull() ? Optional.empty() : Optional.of(enabled);
        String params = rs.getString("params");
        return new CheckSetting(rs.getString("check_name"),
                scope.equals(ALL_TARGETS) ? Optional.empty() : Optional.of(scope), enabledOrInherit,
                Optional.ofNullable(rs.getString("interval_override")).map(Interval::parse),
                params == null ? java.util.Map.of() : Json.values(params), Times.instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }
}
