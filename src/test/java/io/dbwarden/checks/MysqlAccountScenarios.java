package io.dbwarden.checks;

import io.dbwarden.testing.MariaDbServer;

/**
 * The two MariaDB servers of {@link MysqlAccountChecksTest}: every account problem (with the look-alikes that must
 * stay quiet) planted on a server whose password policy is sound, and a server left open by skip-grant-tables whose
 * password validation is weak.
 */
final class MysqlAccountScenarios {

    /** An old (pre-4.1) hash, as {@code OLD_PASSWORD('old-secret')} stored it. */
    static final String OLD_HASH = "378b243e220ca493";

    private MysqlAccountScenarios() {
    }

    /**
     * A default install plus planted account problems, then a sound password policy: default_password_lifetime = 180
     * (root@localhost and root@127.0.0.1 first get a change date, as the harness logs in through them; root@::1 and
     * root@HOSTNAME keep none, as mariadb-install-db leaves them) and simple_password_check with its defaults.
     */
    static MariaDbServer planted() {
        return MariaDbServer.builder()
                .initSql(
                        // the harness's root keeps working once a lifetime applies (an empty password, re-set)
                        "SET PASSWORD FOR 'root'@'localhost' = PASSWORD('')",
                        "SET PASSWORD FOR 'root'@'127.0.0.1' = PASSWORD('')",
                        // hosts beyond private networks: a public address, a public network, a host name
                        "CREATE USER 'app'@'203.0.113.7' IDENTIFIED BY 'App-Pub-7x'",
                        "CREATE USER 'app'@'198.51.100.%' IDENTIFIED BY 'App-Net-7x'",
                        "CREATE USER 'reporting'@'%.example.com' IDENTIFIED BY 'Rep-Name-7x'",
                        "CREATE USER 'v6pub'@'2001:db8:1::%' IDENTIFIED BY 'V6-Pub-7x'",
                        // private and local look-alikes
                        "CREATE USER 'lan'@'10.1.%' IDENTIFIED BY 'Lan-Pw-7x'",
                        "CREATE USER 'lan'@'192.168.5.0/255.255.255.0' IDENTIFIED BY 'Lan-Mask-7x'",
                        "CREATE USER 'v6lan'@'fd12:3456::%' IDENTIFIED BY 'V6-Lan-7x'",
                        "CREATE USER 'gone'@'8.8.8.8' IDENTIFIED BY 'Gone-Pw-7x' ACCOUNT LOCK",
                        "CREATE USER 'anyhost'@'%' IDENTIFIED BY 'Any-Pw-7x'",
                        // administrators: remote ones, and those other checks report or that cannot log in
                        "CREATE USER 'dba'@'10.2.0.%' IDENTIFIED BY 'Dba-Pw-7x'",
                        "GRANT ALL PRIVILEGES ON *.* TO 'dba'@'10.2.0.%'",
                        "CREATE USER 'delegator'@'10.3.3.3' IDENTIFIED BY 'Del-Pw-7x'",
                        "GRANT SELECT ON *.* TO 'delegator'@'10.3.3.3' WITH GRANT OPTION",
                        "CREATE USER 'localdba'@'localhost' IDENTIFIED BY 'Ldba-Pw-7x'",
                        "GRANT ALL PRIVILEGES ON *.* TO 'localdba'@'localhost' WITH GRANT OPTION",
                        "CREATE USER 'dba'@'%' IDENTIFIED BY 'Dba-Any-7x'",
                        "GRANT ALL PRIVILEGES ON *.* TO 'dba'@'%'",
                        "CREATE USER 'root'@'10.0.0.%' IDENTIFIED BY 'Root-Net-7x'",
                        "GRANT ALL PRIVILEGES ON *.* TO 'root'@'10.0.0.%' WITH GRANT OPTION",
                        "CREATE USER 'olddba'@'10.4.4.4' IDENTIFIED BY 'Odba-Pw-7x' ACCOUNT LOCK",
                        "GRANT ALL PRIVILEGES ON *.* TO 'olddba'@'10.4.4.4'",
                        // replication accounts: a clean one, one that holds more, one that may grant, a locked one
                        "CREATE DATABASE app",
                        "CREATE TABLE app.orders (id INT PRIMARY KEY)",
                        "CREATE USER 'repl'@'10.0.0.%' IDENTIFIED BY 'Repl-Pw-7x'",
                        "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'repl'@'10.0.0.%'",
                        "CREATE USER 'repl_wide'@'10.0.0.%' IDENTIFIED BY 'Replw-Pw-7x'",
                        "GRANT REPLICATION SLAVE, SELECT, RELOAD ON *.* TO 'repl_wide'@'10.0.0.%'",
                        "GRANT INSERT ON app.* TO 'repl_wide'@'10.0.0.%'",
                        "GRANT UPDATE ON app.orders TO 'repl_wide'@'10.0.0.%'",
                        "CREATE USER 'repl_grant'@'10.0.1.%' IDENTIFIED BY 'Replg-Pw-7x'",
                        "GRANT REPLICATION SLAVE ON *.* TO 'repl_grant'@'10.0.1.%' WITH GRANT OPTION",
                        // the recovery account MySQL InnoDB Cluster makes for itself needs more, and is its business
                        "CREATE USER 'mysql_innodb_cluster_101'@'10.0.3.%' IDENTIFIED BY 'Cluster-Pw-7x'",
                        "GRANT REPLICATION SLAVE, RELOAD, SELECT ON *.* TO 'mysql_innodb_cluster_101'@'10.0.3.%'",
                        "CREATE USER 'repl_old'@'10.0.2.%' IDENTIFIED BY 'Replo-Pw-7x' ACCOUNT LOCK",
                        "GRANT REPLICATION SLAVE, SELECT ON *.* TO 'repl_old'@'10.0.2.%'",
                        // TLS required per account
                        "CREATE USER 'secure'@'10.5.%' IDENTIFIED BY 'Sec-Pw-7x' REQUIRE SSL",
                        "CREATE USER 'cert'@'10.6.%' IDENTIFIED BY 'Cert-Pw-7x' REQUIRE X509",
                        // password expiry: expired by hand, by its lifetime, soon; look-alikes
                        "CREATE USER 'expired'@'localhost' IDENTIFIED BY 'Exp-Pw-7x' PASSWORD EXPIRE",
                        "CREATE USER 'aged'@'localhost' IDENTIFIED BY 'Aged-Pw-7x' PASSWORD EXPIRE INTERVAL 30 DAY",
                        "UPDATE mysql.global_priv SET Priv = JSON_SET(Priv, '$.password_last_changed', "
                                + "UNIX_TIMESTAMP() - 40 * 86400) WHERE User = 'aged'",
                        "FLUSH PRIVILEGES",
                        "CREATE USER 'soon'@'localhost' IDENTIFIED BY 'Soon-Pw-7x' PASSWORD EXPIRE INTERVAL 5 DAY",
                        "CREATE USER 'fresh'@'localhost' IDENTIFIED BY 'Fresh-Pw-7x' PASSWORD EXPIRE INTERVAL 90 DAY",
                        "CREATE USER 'never'@'localhost' IDENTIFIED BY 'Never-Pw-7x' PASSWORD EXPIRE NEVER",
                        "CREATE USER 'shelved'@'localhost' IDENTIFIED BY 'Shelf-Pw-7x' PASSWORD EXPIRE ACCOUNT LOCK",
                        // pre-4.1 password hashes, alone and as the second way in
                        "CREATE USER 'legacy'@'localhost' IDENTIFIED BY PASSWORD '" + OLD_HASH + "'",
                        "CREATE USER 'legacy_or'@'localhost' IDENTIFIED VIA unix_socket OR mysql_old_password USING '"
                                + OLD_HASH + "'",
                        // the old installers' test databases and grants to every account
                        "CREATE DATABASE test",
                        "CREATE DATABASE test_scratch",
                        "CREATE DATABASE testing",
                        "GRANT ALL ON `test`.* TO PUBLIC",
                        "GRANT ALL ON `test\\_%`.* TO PUBLIC",
                        "CREATE USER ''@'%'",
                        "GRANT SELECT ON `test`.* TO ''@'%'",
                        // a sound password policy, last: it would refuse the hashes and empty passwords above
                        "SET GLOBAL default_password_lifetime = 180",
                        "INSTALL SONAME 'simple_password_check'")
                .start();
    }

    /**
     * Started with skip-grant-tables (anyone connects with every privilege), skip_name_resolve, and
     * simple_password_check loaded with no character-class rule, a 6-character minimum and
     * strict_password_validation OFF.
     */
    static MariaDbServer unguarded() {
        return MariaDbServer.builder()
                .flag("skip-grant-tables")
                .flag("skip-name-resolve")
                .option("plugin_load_add", "simple_password_check")
                .option("simple_password_check_digits", "0")
                .option("simple_password_check_letters_same_case", "0")
                .option("simple_password_check_other_characters", "0")
                .option("simple_password_check_minimal_length", "6")
                .option("strict_password_validation", "OFF")
                .start();
    }
}
