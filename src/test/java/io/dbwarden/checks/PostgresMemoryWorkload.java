package io.dbwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbwarden.testing.PostgresServer;
import java.util.Collections;

/** Load for PostgresMemoryChecksTest: WAL growth past a small max_wal_size, then CHECKPOINT commands. */
final class PostgresMemoryWorkload {

    /** Requested checkpoints planted: more than the check's default minimum of 10. */
    static final int PLANTED_CHECKPOINTS = 12;

    /**
     * 20,000 rows of 960 bytes: about 20 MB of WAL per statement, more than the 17 MB a 32 MB max_wal_size lets pass
     * between checkpoints (max_wal_size / (1 + checkpoint_completion_target)).
     */
    private static final String FILL = "INSERT INTO wal_filler SELECT repeat(md5(g::text), 30) FROM generate_series(1, 20000) AS g";

    private PostgresMemoryWorkload() {
    }

    /**
     * Writes about 40 MB of WAL, which makes the checkpointer request checkpoints by itself ("checkpoint starting:
     * wal"), then issues CHECKPOINT (counted as requested too) until pg_stat_bgwriter shows {@code count} requested
     * checkpoints. Nothing waits for a timed checkpoint (checkpoint_timeout is 5 min), so there are none.
     */
    static void forceRequestedCheckpoints(PostgresServer pg, int count) {
        pg.execute("CREATE TABLE wal_filler (pad text)", FILL, FILL);
        long missing;
        for (int round = 0; (missing = count - requested(pg)) > 0; round++) {
            assertThat(round).as("rounds of CHECKPOINT commands that pg_stat_bgwriter did not count").isLessThan(5);
            pg.execute(Collections.nCopies((int) missing, "CHECKPOINT").toArray(String[]::new));
        }
    }

    private static long requested(PostgresServer pg) {
        return ((Number) pg.query("postgres", "SELECT checkpoints_req FROM pg_stat_bgwriter").get(0).get("checkpoints_req")).longValue();
    }
}
