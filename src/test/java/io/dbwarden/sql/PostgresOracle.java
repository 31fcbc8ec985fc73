package io.dbwarden.sql;

import io.dbwarden.sql.ServerReading.Verdict;
import io.dbwarden.testing.PostgresServer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a private PostgreSQL server how it reads a text, without running it. The text goes, unchanged, in a Parse
 * message of the extended protocol (which refuses a second statement) inside {@code BEGIN READ ONLY … ROLLBACK}; with
 * {@code debug_print_parse} the server sends back the analysed query tree, which says whether the statement writes
 * ({@code commandType}, {@code hasModifyingCTE}), locks rows ({@code hasForUpdate}) and which functions it calls
 * (their OIDs, named from {@code pg_proc}). Describe tells a utility statement that returns rows (SHOW, EXPLAIN) from
 * one that does not (SET, COPY, SELECT INTO …).
 *
 * <p>PostgreSQL 15 cannot print an EXPLAIN statement's options, so an EXPLAIN the guard accepted is executed, in a
 * read-only transaction with a 2 s timeout: without ANALYZE that plans and runs nothing, and an "actual" in its output
 * proves the guard wrong.
 */
final class PostgresOracle implements AutoCloseable {

    private static final String SEVERAL_STATEMENTS = "cannot insert multiple commands into a prepared statement";
    private static final Pattern COMMAND_TYPE = Pattern.compile(":commandType (\\d+)");
    private static final Pattern FUNCTION = Pattern.compile(":(?:funcid|aggfnoid|winfnoid|opfuncid) (\\d+)");
    private static final Pattern OPERATOR = Pattern.compile(":opno (\\d+)");
    private static final Pattern UTILITY = Pattern.compile(":utilityStmt (\\{\\w+|\\?)");
    private static final Pattern EXECUTED = Pattern.compile("(?i)\\bactual\\b|execution time");

    /** CmdType in nodes.h: 1 SELECT, 2 UPDATE, 3 INSERT, 4 DELETE, 5 MERGE, 6 UTILITY. */
    private static final int CMD_SELECT = 1;
    private static final int CMD_UTILITY = 6;

    private final PgWire wire;
    private final Connection catalog;
    private final Map<String, String> functionNames = new HashMap<>();

    PostgresOracle(PostgresServer server, boolean standardConformingStrings) throws IOException, SQLException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("user", server.superuser());
        parameters.put("database", "postgres");
        parameters.put("application_name", "dbwarden-guard-oracle");
        parameters.put("client_encoding", "UTF8");
        parameters.put("lc_messages", "C");
        parameters.put("standard_conforming_strings", standardConformingStrings ? "on" : "off");
        parameters.put("debug_print_parse", "on");
        parameters.put("debug_pretty_print", "off");
        parameters.put("client_min_messages", "log");
        // The trees go to this client only, not to the server's log as well.
        parameters.put("log_min_messages", "fatal");
        wire = new PgWire(server.host(), server.port(), parameters);
        catalog = server.connect("postgres");
    }

    /**
     * How the server reads the text. {@code mayRunExplain}: the guard accepted it, so an EXPLAIN may be run to learn
     * its options (else an EXPLAIN is left {@link Verdict#UNCHECKED}).
     */
    ServerReading read(String sql, boolean mayRunExplain) throws IOException, SQLException {
        PgWire.Answer answer = wire.parseAndDescribe(sql);
        if (answer.failed()) {
            return answer.errorMessage().contains(SEVERAL_STATEMENTS)
                    ? ServerReading.of(Verdict.SEVERAL_STATEMENTS, answer.errorMessage())
                    : ServerReading.of(Verdict.REFUSED, answer.errorCode() + " " + answer.errorMessage());
        }
        // The server wraps the dump at 80 columns, sometimes between a field's name and its value.
        String tree = answer.logDetails().stream().filter(d -> d.startsWith("{QUERY")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no parse tree for " + sql)).replaceAll("\\s+", " ");
        List<Integer> commandTypes = COMMAND_TYPE.matcher(tree).results().map(m -> Integer.parseInt(m.group(1))).toList();
        Optional<Integer> write = commandTypes.stream().filter(t -> t != CMD_SELECT && t != CMD_UTILITY).findFirst();
        if (write.isPresent() || tree.contains(":hasModifyingCTE true")) {
            return ServerReading.of(Verdict.WRITE, "commandType " + commandTypes);
        }
        if (tree.contains(":hasForUpdate true")) {
            return ServerReading.of(Verdict.LOCK, "hasForUpdate");
        }
        Optional<String> forbidden = calledFunctions(tree).stream()
                .filter(name -> ForbiddenFunctions.reason(name).isPresent()).findFirst();
        if (forbidden.isPresent()) {
            return ServerReading.of(Verdict.FORBIDDEN_CALL, forbidden.get());
        }
        if (commandTypes.get(0) != CMD_UTILITY) {
            return ServerReading.of(Verdict.READ, "query");
        }
        Matcher utility = UTILITY.matcher(tree);
        String node = utility.find() ? utility.group(1).replace("{", "") : "?";
        if (answer.columns() == null || answer.columns().isEmpty()) {
            return ServerReading.of(Verdict.NOT_A_QUERY, "utility statement " + node + " returning no rows");
        }
        if (!answer.columns().equals(List.of("QUERY PLAN"))) {
            return ServerReading.of(Verdict.READ, "SHOW " + answer.columns());
        }
        if (!mayRunExplain) {
            return ServerReading.of(Verdict.UNCHECKED, "EXPLAIN the guard refused (its options are not printed)");
        }
        wire.simpleQuery("BEGIN READ ONLY");
        wire.simpleQuery("SET LOCAL statement_timeout = '2s'");
        PgWire.Answer plan = wire.execute(sql);
        wire.simpleQuery("ROLLBACK");
        if (plan.failed()) {
            // A write or a timeout only happens when EXPLAIN runs the statement; other errors stop it before.
            boolean ran = plan.errorMessage().contains("read-only transaction")
                    || plan.errorMessage().contains("statement timeout");
            return ServerReading.of(ran ? Verdict.EXECUTES : Verdict.REFUSED, plan.errorMessage());
        }
        String output = String.join("\n", plan.rows());
        return EXECUTED.matcher(output).find()
                ? ServerReading.of(Verdict.EXECUTES, output)
                : ServerReading.of(Verdict.READ, "EXPLAIN");
    }

    private List<String> calledFunctions(String tree) throws SQLException {
        List<String> names = new java.util.ArrayList<>();
        for (String oid : FUNCTION.matcher(tree).results().map(m -> m.group(1)).toList()) {
            if (!oid.equals("0")) {
                names.add(name("SELECT proname FROM pg_proc WHERE oid = ?::oid", oid));
            }
        }
        for (String oid : OPERATOR.matcher(tree).results().map(m -> m.group(1)).toList()) {
            names.add(name("SELECT p.proname FROM pg_operator o JOIN pg_proc p ON p.oid = o.oprcode::oid"
                    + " WHERE o.oid = ?::oid", oid));
        }
        return names;
    }

    private String name(String sql, String oid) throws SQLException {
        String key = sql.length() + ":" + oid;
        String known = functionNames.get(key);
        if (known != null) {
            return known;
        }
        try (PreparedStatement st = catalog.prepareStatement(sql)) {
            st.setString(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                String name = rs.next() ? rs.getString(1) : "?";
                functionNames.put(key, name);
                return name;
            }
        }
    }

    @Override
    public void close() throws IOException, SQLException {
        try (catalog) {
            wire.close();
        }
    }
}
