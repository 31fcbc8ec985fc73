package io.dbwarden.sql;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Functions a check may not call, in groups that share the reason. Names are globs ({@code *} is any run of
 * characters) matched against the function's own name, whether the call names it bare, quoted or schema-qualified.
 * A name is refused on both engines: on the other one it can only be a user-defined function, which a check has no
 * business calling either.
 *
 * <p>Left allowed on purpose: {@code currval}/{@code lastval} and MySQL's {@code is_free_lock}/{@code is_used_lock}
 * (they read session or lock state and change nothing); {@code pg_ls_waldir}, {@code pg_ls_logdir} and the other
 * fixed-directory listings that {@code pg_monitor} grants for monitoring. The functions that take any server path
 * stay refused ({@code pg_read_file}, {@code pg_ls_dir}, {@code pg_stat_file}, {@code load_file}).
 */
final class ForbiddenFunctions {

    /** A reason and the names it covers. */
    record Group(String reason, Pattern names) {}

    /** PostgreSQL: the session's settings, timeouts and read-only mode included, for the rest of the run. */
    static final Group SESSION_SETTINGS = group("it changes the session's settings (timeouts and read-only mode too)",
            "set_config");

    /** PostgreSQL: other sessions of the server. */
    static final Group OTHER_SESSIONS = group("it acts on other sessions",
            "pg_cancel_backend", "pg_terminate_backend", "pg_log_backend_memory_contexts");

    /** PostgreSQL: server configuration, WAL, replication slots and origins, statistics, notifications. */
    static final Group SERVER_STATE = group("it changes the server's state",
            "pg_reload_conf", "pg_rotate_logfile*", "pg_promote", "pg_switch_wal", "pg_switch_xlog", "pg_backup_*",
            "pg_start_backup", "pg_stop_backup", "pg_wal_replay_*", "pg_xlog_replay_*", "pg_create_*", "pg_drop_*",
            "pg_copy_*", "pg_replication_origin_*", "pg_replication_slot_advance", "pg_logical_slot_*",
            "pg_logical_emit_message", "pg_import_system_collations", "pg_stat_*reset*", "pg_notify",
            "binary_upgrade_*");

    /** Both: sleeping, burning CPU, advisory and named locks, waiting for replication positions. */
    static final Group WAITS_AND_LOCKS = group("it waits, burns CPU or takes locks",
            "pg_sleep*", "pg_advisory*", "pg_try_advisory*",
            "sleep", "benchmark", "get_lock", "release_lock", "release_all_locks", "master_pos_wait",
            "source_pos_wait", "master_gtid_wait", "wait_for_executed_gtid_set", "wait_until_sql_thread_after_gtids",
            "wsrep_sync_wait_upto_gtid");

    /** PostgreSQL: assigning a transaction ID is a write, even in a read-only transaction's place. */
    static final Group TRANSACTION_IDS = group("it assigns a transaction ID", "txid_current", "pg_current_xact_id");

    /** Both: PostgreSQL sequences and MariaDB's NEXTVAL/SETVAL. */
    static final Group SEQUENCES = group("it advances or sets a sequence", "nextval", "setval");

    /** Both: files anywhere on the server, large objects (lo_import/lo_export reach files), adminpack. */
    static final Group SERVER_FILES = group("it reads or writes files on the server",
            "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "pg_file_*", "pg_logdir_ls", "lo_*",
            "loread", "lowrite", "load_file");

    /** Both: SQL run from a text argument or over another connection, out of the guard's sight; shell UDFs. */
    static final Group HIDDEN_SQL = group("it runs SQL or commands the guard cannot see",
            "query_to_xml*", "table_to_xml*", "cursor_to_xml*", "database_to_xml*", "schema_to_xml*", "ts_stat",
            "ts_rewrite", "dblink*", "sys_exec", "sys_eval");

    static final List<Group> ALL = List.of(SESSION_SETTINGS, OTHER_SESSIONS, SERVER_STATE, WAITS_AND_LOCKS,
            TRANSACTION_IDS, SEQUENCES, SERVER_FILES, HIDDEN_SQL);

    private ForbiddenFunctions() {}

    /** The reason a call of {@code name} is refused, if it is. */
    static Optional<String> reason(String name) {
        String folded = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(g -> g.names().matcher(folded).matches()).map(Group::reason).findFirst();
    }

    private static Group group(String reason, String... globs) {
        String regex = Arrays.stream(globs)
                .map(glob -> Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")))
                .collect(Collectors.joining("|"));
        return new Group(reason, Pattern.compile(regex, Pattern.DOTALL));
    }
}
