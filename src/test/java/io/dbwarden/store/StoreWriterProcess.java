package io.dbwarden.store;

import io.dbwarden.app.StoreLocation;
import io.dbwarden.app.TargetDefinition;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A separate JVM for {@link H2StoreTest}: opens an H2 store and, for each target name given, creates the target and
 * says so on stdout; between two targets it waits for a line on stdin. After the last one it waits, store open, until
 * it is killed (the test kills it with SIGKILL).
 */
public final class StoreWriterProcess {

    static final String COMMITTED = "committed";

    private StoreWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Store store = Store.open(new StoreLocation.H2File(Path.of(args[0])), Optional.empty(), name -> null);
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        for (int i = 1; i < args.length; i++) {
            if (i > 1) {
                in.readLine();
            }
            store.targets().create(new TargetDefinition(args[i], "mysql://monitor@db/?password=env:PW", Map.of(), null),
                    TargetSource.API, Instant.now());
            System.out.println(COMMITTED + " " + args[i]);
            System.out.flush();
        }
        Thread.sleep(120_000);
    }
}
