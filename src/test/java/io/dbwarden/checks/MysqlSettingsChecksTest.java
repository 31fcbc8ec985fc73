package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.check.Severity;
import io.dbwarden.evaluate.Finding;
import io.dbwarden.run.ItemStatus;
import io.dbwarden.run.RunItem;
import io.dbwarden.run.RunReport;
import io.dbwarden.testing.MariaDbServer;
import io.dbwarden.version.Flavor;
import io.dbwarden.version.ServerVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MySQL/MariaDB server-setting and durability checks (secure_file_priv, general log, symbolic links, function
 * creators, 32-bit builds, binary log, doublewrite, redo log, sql_mode, InnoDB options, time zones, error log
 * verbosity, slow log, Performance Schema) on real MariaDB 10.11 servers:
 *
 * <ul>
 *   <li>one <em>planted</em> server started with every bad option at once; the dynamic ones are also changed at
 *       runtime with SET GLOBAL by the tests that need a second value, and put back;</li>
 *   <li>the harness's default install, {@link MariaDbServer#shared()}, where six of these checks legitimately fire
 *       because MariaDB ships that way: secure_file_priv empty, symbolic links on, binary log off, slow query log
 *       off, time zone tables empty and Performance Schema off (MariaDB's default, which the harness also sets);</li>
 *   <li>the well-configured {@link MysqlSettingsHealthyScenario}, where all twenty are quiet.</li>
 * </ul>
 *
 * <p>What MariaDB 10.11 cannot be made to show is recorded ({@link RecordedRun}): a 32-bit build, MySQL 8.0's
 * disabled redo log (a status variable set by ALTER INSTANCE), MySQL's log_error_verbosity and binlog expiry
 * variables, innodb_doublewrite = DETECT_ONLY, innodb_flush_method = nosync and MariaDB 11's
 * innodb_data_file_buffering.
 */
class MysqlSettingsChecksTest {

    private static final String SECURE_FILE_PRIV = "mysql_secure_file_priv_empty";
    private static final String GENERAL_LOG = "mysql_general_log_enabled";
    private static final String SYMLINKS = "mysql_symbolic_links_enabled";
    private static final String TRUST_CREATORS = "mysql_log_bin_trust_function_creators";
    private static final String BITS32 = "mysql_32bit_binary";
    private static final String BINLOG_OFF = "mysql_binlog_disabled";
    private static final String DOUBLEWRITE = "mysql_doublewrite_off";
    private static final String REDO = "mysql_redo_log_disabled";
    private static final String RETENTION = "mysql_binlog_retention_short";
    private static final String CHECKSUM = "mysql_binlog_checksum_none";
    private static final String ROW_IMAGE = "mysql_binlog_row_image_minimal";
    private static final String FORMAT = "mysql_binlog_format_not_row";
    private static final String SQL_MODE = "mysql_sql_mode_not_strict";
    private static final String INNODB_STRICT = "mysql_innodb_strict_mode_off";
    private static final String FILE_PER_TABLE = "mysql_file_per_table_off";
    private static final String FLUSH_METHOD = "mysql_flush_method";
    private static final String TIME_ZONES = "mysql_timezone_tables_empty";
    private static final String VERBOSITY = "mysql_error_log_verbosity_low";
    private static final String SLOW_LOG = "mysql_slow_query_log_off";
    private static final String PERF_SCHEMA = "mysql_performance_schema_off";
    private static final String[] ALL = {SECURE_FILE_PRIV, GENERAL_LOG, SYMLINKS, TRUST_CREATORS, BITS32, BINLOG_OFF,
            DOUBLEWRITE, REDO, RETENTION, CHECKSUM, ROW_IMAGE, FORMAT, SQL_MODE, INNODB_STRICT, FILE_PER_TABLE,
            FLUSH_METHOD, TIME_ZONES, VERBOSITY, SLOW_LOG, PERF_SCHEMA};
    /** What a default MariaDB 10.11 install (and so the harness's shared server) legitimately fires. */
    private static final String[] DEFAULT_INSTALL_FIRES = {SECURE_FILE_PRIV, SYMLINKS, BINLOG_OFF, SLOW_LOG, TIME_ZONES,
            PERF_SCHEMA};

    private static final ServerVersion MYSQL_80 = ServerVersion.parse("8.0.36", Flavor.MYSQL);
    private static final ServerVersion MYSQL_57 = ServerVersion.parse("5.7.44-log", Flavor.MYSQL);

    private static MariaDbServer planted;
    /** One run of all twenty checks against the planted server as started. */
    private static RunReport plantedReport;
    private static CompletableFuture<MysqlSettingsHealthyScenario> healthyStarting;
    private static MysqlSettingsHealthyScenario healthy;

    @BeforeAll
    static void startServers() {
        // the healthy server boots while the planted one is started and checked: both mostly wait on InnoDB
        healthyStarting = CompletableFuture.supplyAsync(MysqlSettingsHealthyScenario::start);
        planted = MariaDbServer.builder()
                .option("secure_file_priv", "")
                .option("general_log", "ON")
                .option("log_bin_trust_function_creators", "ON")
                .option("log_bin", "mysql-bin")
                .option("server_id", "1")
                .option("binlog_format", "MIXED")
                .option("binlog_checksum", "NONE")
                .option("binlog_row_image", "MINIMAL")
                .option("binlog_expire_logs_seconds", "86400")
                .option("innodb_doublewrite", "0")
                .option("sql_mode", "NO_ENGINE_SUBSTITUTION")
                .option("innodb_strict_mode", "OFF")
                .option("innodb_file_per_table", "OFF")
                .option("innodb_flush_method", "fsync")
                .option("log_warnings", "1")
                // left at MariaDB's defaults: have_symlink YES, time zone tables empty, slow query log OFF,
                // performance_schema OFF
                .start();
        plantedReport = CheckRun.against(planted.dsn()).checks(ALL).run();
        healthy = healthyStarting.join();
    }

    @AfterAll
    static void stopServers() {
        try {
            if (planted != null) {
                planted.close();
            }
        } finally {
            if (healthyStarting != null) {
                healthyStarting.thenAccept(MysqlSettingsHealthyScenario::close).exceptionally(e -> null).join();
            }
        }
    }

    // ---- server security settings

    @Test
    void anEmptySecureFilePrivIsReportedWithTheDirectoryToRestrictItTo() {
        Finding finding = single(plantedReport, SECURE_FILE_PRIV);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.key()).isEmpty();
        assertThat(finding.summary()).startsWith("secure_file_priv is empty");
        assertThat(finding.remediation()).startsWith("secure_file_priv = /var/lib/mysql-files under [mysqld] in my.cnf")
                .contains("restart");
    }

    @Test
    void theGeneralLogIsReportedWithWhereItWritesAndIsQuietWhenLogOutputIsNone() {
        // MariaDB names the file after the host, relative to the data directory
        Map<String, Object> paths = planted.query("SELECT @@datadir AS dir, @@general_log_file AS f").get(0);
        assertThat(String.valueOf(paths.get("f"))).doesNotStartWith("/");
        String file = String.valueOf(paths.get("dir")) + paths.get("f");
        assertThat(file).startsWith(planted.dataDirectory().toString());
        Finding toFile = single(plantedReport, GENERAL_LOG);
        assertThat(toFile.severity()).isEqualTo(Severity.WARNING);
        assertThat(toFile.key()).isEmpty();
        assertThat(toFile.texts()).containsEntry("log_output", "FILE").containsEntry("general_log_file", file)
                .containsEntry("destination", "the file " + file);
        assertThat(toFile.summary()).contains("log_output = FILE");
        assertThat(toFile.remediation()).startsWith("SET PERSIST general_log = OFF;")
                .contains("SET GLOBAL general_log = OFF;").endsWith("written to the file " + file);
        try {
            planted.execute("SET GLOBAL log_output = 'TABLE'");
            Finding toTable = single(run(planted, GENERAL_LOG), GENERAL_LOG);
            assertThat(toTable.texts()).containsEntry("destination", "the table mysql.general_log");

            planted.execute("SET GLOBAL log_output = 'FILE,TABLE'");
            assertThat(single(run(planted, GENERAL_LOG), GENERAL_LOG).texts())
                    .containsEntry("destination", "the file " + file + " and the table mysql.general_log");

            // NONE wins over any other destination: nothing is written
            planted.execute("SET GLOBAL log_output = 'NONE'");
            CheckRun.assertQuiet(run(planted, GENERAL_LOG), GENERAL_LOG);
        } finally {
            planted.execute("SET GLOBAL log_output = 'FILE'");
        }
    }

    @Test
    void recordedAbsoluteGeneralLogPathsOnLinuxAndWindowsAreShownAsConfigured() throws Exception {
        assertThat(RecordedRun.of(GENERAL_LOG).version(MYSQL_80).variable("general_log", "ON")
                .variable("log_output", "FILE").variable("datadir", "/var/lib/mysql/")
                .variable("general_log_file", "/var/log/mysql/query.log").findings())
                .singleElement().satisfies(f -> assertThat(f.texts())
                        .containsEntry("destination", "the file /var/log/mysql/query.log"));
        assertThat(RecordedRun.of(GENERAL_LOG).version(MYSQL_80).variable("general_log", "ON")
                .variable("log_output", "FILE").variable("datadir", "C:\\ProgramData\\MySQL\\Data\\")
                .variable("general_log_file", "C:\\ProgramData\\MySQL\\query.log").findings())
                .singleElement().satisfies(f -> assertThat(f.texts())
                        .containsEntry("general_log_file", "C:\\ProgramData\\MySQL\\query.log"));
    }

    @Test
    void symbolicLinksAreReportedSinceMariaDbEnablesThemByDefault() {
        assertThat(planted.query("SHOW GLOBAL VARIABLES LIKE 'have_symlink'").get(0)).containsEntry("Value", "YES");
        Finding finding = single(plantedReport, SYMLINKS);
        assertThat(finding.severity()).isEqualTo(Severity.NOTICE);
        assertThat(finding.summary()).contains("have_symlink = YES");
        assertThat(finding.remediation()).startsWith("skip-symbolic-links under [mysqld] in my.cnf");
    }

    @Test
    void trustedFunctionCreatorsAreReportedUntilSwitchedOffAtRuntime() {
        Finding finding = single(plantedReport, TRUST_CREATORS);
        assertThat(finding.severity()).isEqualTo(Severity.NOTICE);
        assertThat(finding.remediation()).startsWith("SET PERSIST log_bin_trust_function_creators = OFF;")
                .contains("MariaDB: SET GLOBAL log_bin_trust_function_creators = OFF;");
        try {
            planted.execute("SET GLOBAL log_bin_trust_function_creators = OFF");
            CheckRun.assertQuiet(run(planted, TRUST_CREATORS), TRUST_CREATORS);
        } finally {
            planted.execute("SET GLOBAL log_bin_trust_function_creators = ON");
        }
    }

    @Test
    void recordedThirtyTwoBitBuildsOnLinuxAndWindowsAreReportedWithTheirCompileTarget() throws Exception {
        // the real server's variables, with the compile target of a Debian i386 MariaDB package
        Map<String, String> real = showVariables(planted);
        real.put("version_compile_machine", "i686");
        real.put("version_compile_os", "debian-linux-gnu");
        List<Finding> debian = RecordedRun.of(BITS32).version(ServerVersion.parse("10.11.6-MariaDB", Flavor.MARIADB))
                .variablesFromText(real).findings();
        assertThat(debian).hasSize(1);
        Finding finding = debian.get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.key()).isEmpty();
        assertThat(finding.texts()).containsEntry("version_compile_machine", "i686")
                .containsEntry("version_compile_os", "debian-linux-gnu");
        assertThat(finding.summary()).isEqualTo(
                "The server binary is 32-bit (i686, debian-linux-gnu): it can address at most 4 GiB");

        // MySQL 5.6 generic Linux tarball for i686
        assertThat(bits32("i686", "linux-glibc2.12")).hasSize(1);
        // 32-bit ARM and 32-bit Windows
        assertThat(bits32("armv7l", "Linux")).hasSize(1);
        assertThat(bits32("32", "Win32")).hasSize(1);
        // 64-bit builds: old MySQL 5.5 on Windows reports machine x86 with os Win64
        assertThat(bits32("x86", "Win64")).isEmpty();
        assertThat(bits32("x86_64", "Win64")).isEmpty();
        assertThat(bits32("aarch64", "Linux")).isEmpty();
        assertThat(bits32("x86_64", "debian-linux-gnu")).isEmpty();
    }

    @Test
    void aSixtyFourBitServerIsNotReportedAsThirtyTwoBit() {
        assertThat(planted.query("SELECT @@version_compile_machine AS m").get(0)).containsEntry("m", "x86_64");
        CheckRun.assertQuiet(plantedReport, BITS32);
    }

    // ---- durability and configuration

    @Test
    void binaryLoggingOffIsReportedOnTheDefaultInstall() {
        MariaDbServer db = MariaDbServer.shared();
        assertThat(db.query("SHOW GLOBAL VARIABLES LIKE 'log_bin'").get(0)).containsEntry("Value", "OFF");
        Finding finding = single(run(db, BINLOG_OFF), BINLOG_OFF);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.summary()).startsWith("Binary logging is off");
        assertThat(finding.remediation()).startsWith("log_bin = mysql-bin and server_id = ");
        // the planted server has it on
        CheckRun.assertQuiet(plantedReport, BINLOG_OFF);
    }

    @Test
    void doublewriteOffIsReportedAsAnError() {
        Finding finding = single(plantedReport, DOUBLEWRITE);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.key()).isEmpty();
        assertThat(finding.texts()).containsEntry("innodb_doublewrite", "OFF");
        assertThat(finding.summary()).startsWith("innodb_doublewrite = OFF:");
        assertThat(finding.remediation()).startsWith("innodb_doublewrite = ON under [mysqld] in my.cnf, then restart")
                .endsWith("was OFF");
    }

    @Test
    void recordedMysqlDoublewriteDetectOnlyIsReportedAndDetectAndRecoverIsNot() throws Exception {
        List<Finding> detectOnly = RecordedRun.of(DOUBLEWRITE).version(ServerVersion.parse("8.0.30", Flavor.MYSQL))
                .variable("innodb_doublewrite", "DETECT_ONLY").findings();
        assertThat(detectOnly).singleElement()
                .satisfies(f -> assertThat(f.texts()).containsEntry("innodb_doublewrite", "DETECT_ONLY"));
        assertThat(RecordedRun.of(DOUBLEWRITE).version(ServerVersion.parse("8.0.30", Flavor.MYSQL))
                .variable("innodb_doublewrite", "DETECT_AND_RECOVER").findings()).isEmpty();
    }

    @Test
    void recordedMysqlWithRedoLoggingDisabledByAlterInstanceIsCritical() throws Exception {
        // MySQL 8.0.21+: ALTER INSTANCE DISABLE INNODB REDO_LOG shows only as the status variable
        // Innodb_redo_log_enabled; MariaDB has neither the statement nor the variable.
        List<Finding> off = RecordedRun.of(REDO).version(MYSQL_80)
                .variable("log_bin", "ON").status("Innodb_redo_log_enabled", "OFF").findings();
        assertThat(off).hasSize(1);
        assertThat(off.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(off.get(0).remediation()).startsWith("ALTER INSTANCE ENABLE INNODB REDO_LOG;");

        assertThat(RecordedRun.of(REDO).version(MYSQL_80).status("Innodb_redo_log_enabled", "ON").findings())
                .isEmpty();
    }

    @Test
    void redoLoggingIsQuietOnMariaDbWhichCannotDisableIt() {
        assertThat(planted.query("SHOW GLOBAL STATUS LIKE 'Innodb_redo_log_enabled'")).isEmpty();
        CheckRun.assertQuiet(plantedReport, REDO);
    }

    @Test
    void binlogsExpiringWithinAWeekAreReportedWithTheExpiryAndTheSettingToRaise() {
        Finding oneDay = single(plantedReport, RETENTION);
        assertThat(oneDay.severity()).isEqualTo(Severity.WARNING);
        assertThat(oneDay.key()).isEmpty();
        assertThat(oneDay.texts()).containsEntry("setting", "binlog_expire_logs_seconds")
                .containsEntry("expire_seconds", "86400").containsEntry("retention", "1 day")
                .containsEntry("fix_setting", "binlog_expire_logs_seconds").containsEntry("fix_value", "604800");
        assertThat(oneDay.summary()).isEqualTo("Binary logs expire after 1 day, under 7 days");
        assertThat(oneDay.remediation()).startsWith("SET PERSIST binlog_expire_logs_seconds = 604800;")
                .contains("MariaDB: SET GLOBAL binlog_expire_logs_seconds = 604800;").contains("was 1 day");
        try {
            // MariaDB 10.6+ keeps expire_logs_days and binlog_expire_logs_seconds in step
            planted.execute("SET GLOBAL expire_logs_days = 2");
            assertThat(single(run(planted, RETENTION), RETENTION).texts())
                    .containsEntry("expire_seconds", "172800").containsEntry("retention", "2 days");

            planted.execute("SET GLOBAL binlog_expire_logs_seconds = 5400");
            assertThat(single(run(planted, RETENTION), RETENTION).texts()).containsEntry("retention", "5400 s");

            // exactly the minimum, and 0 (never purged), are not short
            planted.execute("SET GLOBAL binlog_expire_logs_seconds = 604800");
            CheckRun.assertQuiet(run(planted, RETENTION), RETENTION);
            planted.execute("SET GLOBAL binlog_expire_logs_seconds = 0");
            CheckRun.assertQuiet(run(planted, RETENTION), RETENTION);
        } finally {
            planted.execute("SET GLOBAL binlog_expire_logs_seconds = 86400");
        }
    }

    @Test
    void recordedMysqlBinlogExpiryIsReadFromTheVariableEachReleaseHonours() throws Exception {
        // MySQL 5.7: expire_logs_days only
        List<Finding> mysql57 = RecordedRun.of(RETENTION).version(MYSQL_57)
                .variable("log_bin", "ON").variable("expire_logs_days", "3").findings();
        assertThat(mysql57).singleElement().satisfies(f -> {
            assertThat(f.texts()).containsEntry("setting", "expire_logs_days").containsEntry("retention", "3 days")
                    .containsEntry("fix_setting", "expire_logs_days").containsEntry("fix_value", "7");
            assertThat(f.remediation()).startsWith("SET PERSIST expire_logs_days = 7;");
        });
        // MySQL 8.0: seconds, with the deprecated days at 0
        List<Finding> mysql80 = RecordedRun.of(RETENTION).version(MYSQL_80).variable("log_bin", "ON")
                .variable("binlog_expire_logs_seconds", "3600").variable("expire_logs_days", "0").findings();
        assertThat(mysql80).singleElement().satisfies(f -> assertThat(f.texts())
                .containsEntry("retention", "1 h").containsEntry("fix_value", "604800"));
        // MySQL 8.0.29+ with automatic purging off keeps everything
        assertThat(RecordedRun.of(RETENTION).version(MYSQL_80).variable("log_bin", "ON")
                .variable("binlog_expire_logs_seconds", "3600").variable("expire_logs_days", "0")
                .variable("binlog_expire_logs_auto_purge", "OFF").findings()).isEmpty();
        // MySQL 8.0's default, 30 days
        assertThat(RecordedRun.of(RETENTION).version(MYSQL_80).variable("log_bin", "ON")
                .variable("binlog_expire_logs_seconds", "2592000").variable("expire_logs_days", "0").findings()).isEmpty();
    }

    @Test
    void binlogChecksumNoneIsReportedUntilCrc32IsSet() {
        Finding finding = single(plantedReport, CHECKSUM);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.remediation()).startsWith("SET PERSIST binlog_checksum = CRC32;")
                .contains("MariaDB: SET GLOBAL binlog_checksum = CRC32;");
        try {
            planted.execute("SET GLOBAL binlog_checksum = CRC32");
            CheckRun.assertQuiet(run(planted, CHECKSUM), CHECKSUM);
        } finally {
            planted.execute("SET GLOBAL binlog_checksum = NONE");
        }
    }

    @Test
    void minimalRowImageIsReportedExceptUnderStatementBasedLogging() {
        Finding finding = single(plantedReport, ROW_IMAGE);
        assertThat(finding.severity()).isEqualTo(Severity.NOTICE);
        assertThat(finding.remediation()).startsWith("SET PERSIST binlog_row_image = FULL;");
        try {
            planted.execute("SET GLOBAL binlog_format = 'STATEMENT'");
            RunReport statement = run(planted, ROW_IMAGE, FORMAT);
            CheckRun.assertQuiet(statement, ROW_IMAGE);
            assertThat(single(statement, FORMAT).texts()).containsEntry("binlog_format", "STATEMENT");
        } finally {
            planted.execute("SET GLOBAL binlog_format = 'MIXED'");
        }
    }

    @Test
    void mixedBinlogFormatIsReportedWithTheFormatFound() {
        Finding finding = single(plantedReport, FORMAT);
        assertThat(finding.severity()).isEqualTo(Severity.NOTICE);
        assertThat(finding.key()).isEmpty();
        assertThat(finding.texts()).containsEntry("binlog_format", "MIXED");
        assertThat(finding.summary()).startsWith("binlog_format = MIXED:");
        assertThat(finding.remediation()).startsWith("SET PERSIST binlog_format = ROW;").endsWith("was MIXED");
    }

    @Test
    void binlogSettingsAreNotReportedWhileBinaryLoggingIsOff() {
        // the default install logs MIXED with CRC32 and no expiry, but writes no binlog at all
        CheckRun.assertQuiet(run(MariaDbServer.shared(), FORMAT, ROW_IMAGE, CHECKSUM, RETENTION),
                FORMAT, ROW_IMAGE, CHECKSUM, RETENTION);
    }

    @Test
    void aNonStrictSqlModeIsReportedWithTheModeToSet() {
        Finding finding = single(plantedReport, SQL_MODE);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.key()).isEmpty();
        assertThat(finding.texts()).containsEntry("sql_mode", "NO_ENGINE_SUBSTITUTION")
                .containsEntry("proposed_sql_mode", "STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION");
        assertThat(finding.summary()).contains("('NO_ENGINE_SUBSTITUTION')");
        assertThat(finding.remediation())
                .startsWith("SET PERSIST sql_mode = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION';")
                .contains("sql_mode = STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION under [mysqld] in my.cnf");
        try {
            planted.execute("SET GLOBAL sql_mode = ''");
            assertThat(single(run(planted, SQL_MODE), SQL_MODE).texts()).containsEntry("sql_mode", "")
                    .containsEntry("proposed_sql_mode", "STRICT_TRANS_TABLES");

            // TRADITIONAL (shown expanded) and STRICT_ALL_TABLES alone are strict
            planted.execute("SET GLOBAL sql_mode = 'TRADITIONAL'");
            CheckRun.assertQuiet(run(planted, SQL_MODE), SQL_MODE);
            planted.execute("SET GLOBAL sql_mode = 'STRICT_ALL_TABLES'");
            CheckRun.assertQuiet(run(planted, SQL_MODE), SQL_MODE);
        } finally {
            planted.execute("SET GLOBAL sql_mode = 'NO_ENGINE_SUBSTITUTION'");
        }
    }

    @Test
    void innodbStrictModeOffIsReportedAsInformation() {
        Finding finding = single(plantedReport, INNODB_STRICT);
        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.remediation()).startsWith("SET PERSIST innodb_strict_mode = ON;");
    }

    @Test
    void filePerTableOffIsReportedWithHowToMoveTablesOutOfTheSystemTablespace() {
        Finding finding = single(plantedReport, FILE_PER_TABLE);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.remediation()).startsWith("SET PERSIST innodb_file_per_table = ON;")
                .contains("ALTER TABLE … ENGINE=InnoDB");
    }

    @Test
    void fsyncFlushingOnLinuxIsReportedWithTheOperatingSystemAndTheFix() {
        String os = String.valueOf(planted.query("SELECT @@version_compile_os AS os").get(0).get("os"));
        Finding finding = single(plantedReport, FLUSH_METHOD);
        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.key()).isEmpty();
        assertThat(finding.texts()).containsEntry("setting", "innodb_flush_method").containsEntry("value", "fsync")
                .containsEntry("version_compile_os", os);
        assertThat(finding.summary()).isEqualTo(
                "innodb_flush_method = fsync: InnoDB data files are cached twice, in the buffer pool and the OS page cache");
        assertThat(finding.remediation()).startsWith("innodb_flush_method = O_DIRECT under [mysqld] in my.cnf");
    }

    @Test
    void recordedFlushMethodsNosyncElsewhereAndMariaDb11BufferingAreJudgedByWhatTheyDo() throws Exception {
        // nosync never fsyncs: an error on any OS
        List<Finding> nosync = RecordedRun.of(FLUSH_METHOD).version(MYSQL_80)
                .variable("innodb_flush_method", "nosync").variable("version_compile_os", "Win64").findings();
        assertThat(nosync).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.summary()).startsWith("innodb_flush_method = nosync: InnoDB does not fsync");
        });
        // Windows has its own methods
        assertThat(RecordedRun.of(FLUSH_METHOD).version(MYSQL_80).variable("innodb_flush_method", "unbuffered")
                .variable("version_compile_os", "Win64").findings()).isEmpty();
        // MySQL 5.7 on Linux shows no value for its fsync default
        assertThat(RecordedRun.of(FLUSH_METHOD).version(MYSQL_57).variable("innodb_flush_method", (String) null)
                .variable("version_compile_os", "linux-glibc2.12").findings())
                .singleElement().satisfies(f -> assertThat(f.texts()).containsEntry("value", "fsync"));
        assertThat(RecordedRun.of(FLUSH_METHOD).version(MYSQL_80).variable("innodb_flush_method", "O_DIRECT_NO_FSYNC")
                .variable("version_compile_os", "Linux").findings()).isEmpty();
        // MariaDB 11.0+ replaced innodb_flush_method by dynamic booleans
        ServerVersion mariadb11 = ServerVersion.parse("11.4.5-MariaDB", Flavor.MARIADB);
        assertThat(RecordedRun.of(FLUSH_METHOD).version(mariadb11).variable("innodb_data_file_buffering", "ON")
                .variable("version_compile_os", "debian-linux-gnu").findings())
                .singleElement().satisfies(f -> {
                    assertThat(f.texts()).containsEntry("setting", "innodb_data_file_buffering");
                    assertThat(f.remediation()).startsWith("SET GLOBAL innodb_data_file_buffering = OFF;");
                });
        assertThat(RecordedRun.of(FLUSH_METHOD).version(mariadb11).variable("innodb_data_file_buffering", "OFF")
                .variable("version_compile_os", "debian-linux-gnu").findings()).isEmpty();
    }

    @Test
    void emptyTimeZoneTablesAreReportedAndAMonitorWithoutAccessToThemIsSkippedNotPassed() {
        assertThat(planted.query("SELECT COUNT(*) AS n FROM mysql.time_zone_name").get(0).get("n")).isEqualTo(0L);
        Finding finding = single(plantedReport, TIME_ZONES);
        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.remediation()).startsWith("mariadb-tzinfo-to-sql /usr/share/zoneinfo | mariadb -u root mysql");

        planted.execute("CREATE USER IF NOT EXISTS 'blind'@'localhost' IDENTIFIED BY 'Blind-Monitor-2'");
        RunItem item = CheckRun.item(CheckRun.against("mysql://blind:Blind-Monitor-2@" + planted.host() + ":"
                + planted.port() + "/").checks(TIME_ZONES).run(), TIME_ZONES);
        assertThat(item.status()).isEqualTo(ItemStatus.SKIPPED);
        assertThat(item.reason()).get().asString().contains("privilege missing").contains("time_zone_name");
    }

    @Test
    void lowLogWarningsIsReportedWithTheValueFound() {
        Finding one = single(plantedReport, VERBOSITY);
        assertThat(one.severity()).isEqualTo(Severity.WARNING);
        assertThat(one.key()).isEmpty();
        assertThat(one.texts()).containsEntry("setting", "log_warnings").containsEntry("value", "1");
        assertThat(one.summary()).startsWith("log_warnings = 1:");
        assertThat(one.remediation()).startsWith("SET PERSIST log_warnings = 2;")
                .contains("MariaDB: SET GLOBAL log_warnings = 2;").endsWith("(was 1)");
        try {
            planted.execute("SET GLOBAL log_warnings = 0");
            assertThat(single(run(planted, VERBOSITY), VERBOSITY).texts()).containsEntry("value", "0");
            planted.execute("SET GLOBAL log_warnings = 2");
            CheckRun.assertQuiet(run(planted, VERBOSITY), VERBOSITY);
        } finally {
            planted.execute("SET GLOBAL log_warnings = 1");
        }
    }

    @Test
    void recordedMysqlLogErrorVerbosityIsPreferredToItsDeprecatedLogWarnings() throws Exception {
        List<Finding> errorsOnly = RecordedRun.of(VERBOSITY).version(MYSQL_80)
                .variable("log_error_verbosity", "1").findings();
        assertThat(errorsOnly).singleElement().satisfies(f -> {
            assertThat(f.texts()).containsEntry("setting", "log_error_verbosity").containsEntry("value", "1");
            assertThat(f.remediation()).startsWith("SET PERSIST log_error_verbosity = 2;");
        });
        // MySQL 5.7 shows both; log_error_verbosity decides
        assertThat(RecordedRun.of(VERBOSITY).version(MYSQL_57).variable("log_error_verbosity", "3")
                .variable("log_warnings", "1").findings()).isEmpty();
    }

    @Test
    void theSlowQueryLogOffIsReportedAndSoIsOneThatWritesNowhere() {
        Finding off = single(plantedReport, SLOW_LOG);
        assertThat(off.severity()).isEqualTo(Severity.NOTICE);
        assertThat(off.key()).isEmpty();
        Map<String, Object> paths = planted.query("SELECT @@datadir AS dir, @@slow_query_log_file AS f").get(0);
        String file = String.valueOf(paths.get("dir")) + paths.get("f");
        assertThat(off.texts()).containsEntry("cause", "slow_query_log = OFF").containsEntry("long_query_time", "10")
                .containsEntry("slow_query_log_file", file);
        assertThat(off.summary()).isEqualTo("The slow query log records nothing (slow_query_log = OFF)");
        assertThat(off.remediation()).startsWith("SET PERSIST slow_query_log = ON;")
                .contains("MariaDB: SET GLOBAL slow_query_log = ON;").contains("(now 10 s;").endsWith("rotate " + file);
        try {
            planted.execute("SET GLOBAL slow_query_log = ON", "SET GLOBAL log_output = 'NONE'");
            Finding nowhere = single(run(planted, SLOW_LOG), SLOW_LOG);
            assertThat(nowhere.texts()).containsEntry("cause", "slow_query_log = ON but log_output = NONE");
            assertThat(nowhere.remediation()).startsWith("SET PERSIST log_output = FILE;");

            planted.execute("SET GLOBAL log_output = 'TABLE'");
            CheckRun.assertQuiet(run(planted, SLOW_LOG), SLOW_LOG);
        } finally {
            planted.execute("SET GLOBAL slow_query_log = OFF", "SET GLOBAL log_output = 'FILE'");
        }
    }

    @Test
    void performanceSchemaOffIsReported() {
        Finding finding = single(plantedReport, PERF_SCHEMA);
        assertThat(finding.severity()).isEqualTo(Severity.NOTICE);
        assertThat(finding.remediation()).startsWith("performance_schema = ON under [mysqld] in my.cnf, then restart");
    }

    // ---- servers as a whole

    @Test
    void thePlantedServerFiresEveryCheckItCanShowOnMariaDb() {
        List<String> fired = plantedReport.items().stream().filter(i -> i.status() == ItemStatus.FINDINGS)
                .map(RunItem::check).sorted().toList();
        // binlog off, 32-bit and MySQL's redo switch cannot coexist with the planted binlog settings / this build
        assertThat(fired).containsExactlyInAnyOrder(SECURE_FILE_PRIV, GENERAL_LOG, SYMLINKS, TRUST_CREATORS, DOUBLEWRITE,
                RETENTION, CHECKSUM, ROW_IMAGE, FORMAT, SQL_MODE, INNODB_STRICT, FILE_PER_TABLE, FLUSH_METHOD,
                TIME_ZONES, VERBOSITY, SLOW_LOG, PERF_SCHEMA);
    }

    @Test
    void aDefaultMariaDbInstallFiresOnlyTheSixSettingsItShipsWith() {
        RunReport report = run(MariaDbServer.shared(), ALL);
        List<String> fired = report.items().stream().filter(i -> i.status() == ItemStatus.FINDINGS)
                .map(RunItem::check).toList();
        assertThat(fired).containsExactlyInAnyOrder(DEFAULT_INSTALL_FIRES);
        List<String> quiet = java.util.Arrays.stream(ALL).filter(c -> !List.of(DEFAULT_INSTALL_FIRES).contains(c)).toList();
        CheckRun.assertQuiet(report, quiet.toArray(String[]::new));
    }

    @Test
    void aWellConfiguredServerIsQuietThroughALeastPrivilegeMonitor() {
        MariaDbServer db = healthy.server();
        Map<String, Object> settings = db.query("SELECT @@log_bin AS log_bin, @@binlog_format AS format, "
                + "@@binlog_expire_logs_seconds AS expire, @@slow_query_log AS slow, @@performance_schema AS ps, "
                + "@@have_symlink AS symlink, @@secure_file_priv AS files").get(0);
        assertThat(String.valueOf(settings.get("log_bin"))).isIn("1", "true");
        assertThat(settings).containsEntry("format", "ROW").containsEntry("symlink", "DISABLED")
                .containsEntry("files", healthy.filesDir() + "/");
        assertThat(String.valueOf(settings.get("expire")))
                .isEqualTo(Long.toString(MysqlSettingsHealthyScenario.BINLOG_EXPIRE_SECONDS));
        assertThat(String.valueOf(settings.get("slow"))).isIn("1", "true");
        assertThat(String.valueOf(settings.get("ps"))).isIn("1", "true");
        assertThat(db.query("SELECT Name AS name FROM mysql.time_zone_name ORDER BY Name"))
                .extracting(r -> r.get("name")).containsExactly("Europe/Berlin", "UTC");

        RunReport report = CheckRun.against(healthy.monitorDsn()).checks(ALL).run();

        CheckRun.assertQuiet(report, ALL);
    }

    // ---- helpers

    private static RunReport run(MariaDbServer db, String... checks) {
        return CheckRun.against(db.dsn()).checks(checks).run();
    }

    private static Finding single(RunReport report, String check) {
        List<Finding> findings = CheckRun.findings(report, check);
        assertThat(findings).as(check + " findings").hasSize(1);
        return findings.get(0);
    }

    private static List<Finding> bits32(String machine, String os) throws Exception {
        return RecordedRun.of(BITS32).version(MYSQL_57)
                .variable("version_compile_machine", machine).variable("version_compile_os", os).findings();
    }

    private static Map<String, String> showVariables(MariaDbServer db) {
        Map<String, String> values = new TreeMap<>();
        for (Map<String, Object> row : db.query("SHOW GLOBAL VARIABLES")) {
            Object value = row.get("Value");
            values.put(String.valueOf(row.get("Variable_name")), value == null ? null : String.valueOf(value));
        }
        return new LinkedHashMap<>(values);
    }
}
