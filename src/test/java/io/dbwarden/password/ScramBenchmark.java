package io.dbwarden.password;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints what one SCRAM-SHA-256 candidate costs here (PBKDF2-HMAC-SHA256, 4096 iterations), cold and warm, what
 * the detector spends on N accounts, and what a caching_sha2_password candidate (5000 rounds) costs, to size {@link WeakPasswordDetector#DEFAULT_SLOW_HASH_CANDIDATES}.
 * Prints no password and no verifier. Run from the build tree:
 * {@code java -cp target-x/classes:target-x/test-classes io.dbwarden.password.ScramBenchmark [accounts] [words] [detector-first]}
 */
public final class ScramBenchmark {

    private ScramBenchmark() {
    }

    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int words = args.length > 1 ? Integer.parseInt(args[1]) : WeakPasswordDetector.DEFAULT_SLOW_HASH_CANDIDATES;
        byte[] salt = "benchmark-salt16".getBytes(StandardCharsets.US_ASCII);
        ScramSha256Verifier verifier = ScramSha256Verifier.parse(
                ScramSha256Verifier.create("not-a-dictionary-word-" + System.nanoTime(), salt, 4096)).orElseThrow();

        System.out.printf(Locale.ROOT, "cores: %d, load average: %.2f%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        boolean detectorFirst = args.length > 2 && args[2].equals("detector-first");
        if (!detectorFirst) {
            singleCore(verifier);
        }

        List<String> dictionary = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            dictionary.add("word-" + i);
        }
        WeakPasswordDetector detector = new WeakPasswordDetector(PasswordDictionary.of("benchmark words", dictionary), words);
        List<String> verifiers = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            verifiers.add(ScramSha256Verifier.create("strong-" + i + "-" + System.nanoTime(),
                    ("salt-of-role-" + i + "-xyz").getBytes(StandardCharsets.US_ASCII), 4096));
        }
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < accounts; i++) {
            detector.check(verifiers.get(i), "role_" + i);
        }
        long nanos = System.nanoTime() - t0;
        long cpu = processCpuNanos() - cpu0;
        int candidates = accounts * (words + WeakPasswordDetector.userNameVariants("role_0").size());
        System.out.printf(Locale.ROOT, "detector%s, %d accounts x (%d words + 3 name variants) = %d candidates: "
                        + "wall %.0f ms (%.3f ms per candidate), process CPU %.0f ms (%.3f ms per candidate)%n",
                detectorFirst ? " (cold JVM)" : "", accounts, words, candidates, nanos / 1e6, nanos / 1e6 / candidates,
                cpu / 1e6, cpu / 1e6 / candidates);
        if (detectorFirst) {
            singleCore(verifier);
        }
        cachingSha2();
    }

    private static void singleCore(ScramSha256Verifier verifier) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        verifier.matches("cold-candidate");
        System.out.printf(Locale.ROOT, "first candidate:                 wall %8.2f ms, thread CPU %8.2f ms%n",
                (System.nanoTime() - t0) / 1e6, (threads.getCurrentThreadCpuTime() - cpu0) / 1e6);
        for (int round = 1; round <= 5; round++) {
            int n = 200;
            cpu0 = threads.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                verifier.matches("candidate-" + i);
            }
            System.out.printf(Locale.ROOT, "one thread, round %d, per candidate: wall %7.3f ms, thread CPU %7.3f ms%n",
                    round, (System.nanoTime() - t0) / 1e6 / n, (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / n);
        }
    }

    /** MySQL 8 caching_sha2_password (SHA-256 crypt, 5000 rounds), the other slow verifier, for comparison. */
    private static void cachingSha2() {
        CachingSha2Password verifier = CachingSha2Password.parse(CachingSha2Password.create(
                "not-a-dictionary-word", "benchmark-salt-20-by".getBytes(StandardCharsets.US_ASCII), 5000)).orElseThrow();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 3; round++) {
            int n = 200;
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                verifier.matches("candidate-" + i);
            }
            System.out.printf(Locale.ROOT, "caching_sha2_password, round %d, per candidate: wall %7.3f ms, thread CPU "
                    + "%7.3f ms%n", round, (System.nanoTime() - t0) / 1e6 / n, (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / n);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
