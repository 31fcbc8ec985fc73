/**
 * Private database servers for integration tests, started from the system binaries in temporary directories on free
 * ports: never the machine's shared servers (127.0.0.1:5432 and :3306).
 *
 * <pre>{@code
 * PostgresServer.shared().query("postgres", "SHOW fsync");          // one per JVM, healthy defaults, do not reconfigure
 * try (PostgresServer pg = PostgresServer.builder()
 *         .setting("fsync", "off")
 *         .hbaLine("host all bob 127.0.0.1/32 scram-sha-256")        // prepended: wins over the defaults
 *         .initSql("CREATE ROLE bob LOGIN PASSWORD 'pw'")
 *         .start()) {
 *     check(pg.dsn("postgres"));                                     // postgresql://postgres@127.0.0.1:PORT/postgres
 * }
 * try (MariaDbServer db = MariaDbServer.builder().option("local_infile", "ON").start()) {
 *     check(db.dsn());                                               // mysql://root@127.0.0.1:PORT/
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Speed: initdb / mariadb-install-db run once per JVM into a template that every instance copies
 *       ({@code cp -a}, zero-filled parts of big files turned into holes first). A PostgreSQL instance starts in about
 *       0.2-0.5 s, a MariaDB one in about 0.4-0.6 s on an idle 2-core machine; the first of each kind also pays for the
 *       template (about 1 s and 2 s).</li>
 *   <li>Users: as root, postgres runs as OS user {@code postgres} and mariadbd as {@code mysql} (via
 *       {@code setpriv}); instance directories are chowned to them. Files a test adds to a data directory must stay
 *       readable by that user.</li>
 *   <li>Defaults: PostgreSQL is a plain initdb (trust for local and loopback host lines, fsync on, ssl off, UTF8,
 *       C.UTF-8); MariaDB is {@code --auth-root-authentication-method=normal --skip-test-db} (root without password
 *       at localhost, 127.0.0.1, ::1 and the host name) plus {@code performance_schema=OFF}. Neither reads
 *       /etc/postgresql or /etc/mysql.</li>
 *   <li>PostgreSQL {@code execute/executeIn/query/reload} connect over the private Unix socket (junixsocket), so
 *       prepended {@code host} rules (reject, cert, hostssl) cannot lock the harness out; {@code connect()} and
 *       {@code jdbcUrl()} are TCP. MariaDB helpers connect as root over TCP.</li>
 *   <li>Teardown: close() (fast shutdown, then SIGKILL) deletes the directory; a shutdown hook stops whatever is left;
 *       servers get a parent-death SIGKILL so even a killed JVM leaves no server behind, and directories of dead JVMs
 *       are swept on the next start. close() on a shared() instance is a no-op.</li>
 *   <li>Logs: {@code logFile()} (PostgreSQL stderr; MariaDB log-error); start failures throw IllegalStateException
 *       with the tail.</li>
 *   <li>{@link io.dbwarden.testing.AlertmanagerServer}: a private Prometheus Alertmanager (Debian
 *       {@code prometheus-alertmanager}) on a free port with a receiver that sends nothing, same teardown rules.</li>
 *   <li>Properties: {@code dbwarden.test.pgbin}, {@code dbwarden.test.mariadbd}, {@code dbwarden.test.mariadbInstallDb},
 *       {@code dbwarden.test.alertmanager}, {@code dbwarden.test.tmpdir}, {@code dbwarden.test.startTimeoutSeconds} (90).</li>
 * </ul>
 */
package io.dbwarden.testing;
