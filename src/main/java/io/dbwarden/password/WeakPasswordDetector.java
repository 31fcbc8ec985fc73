package io.dbwarden.password;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Tells whether a stored password verifier was made from a guessable password, by hashing candidates in-process
 * (no login attempt, one read of the verifiers): the account's name and its case variants first, then the
 * dictionary. Fast unsalted/weakly salted hashes (mysql_native_password, PostgreSQL md5) are tried against the
 * whole dictionary; slow ones (PostgreSQL SCRAM-SHA-256, MySQL 8 caching_sha2_password), slow by design, against
 * the first {@link #slowHashCandidates()} words only (scaled by the verifier's iteration count), spread over the
 * machine's cores.
 *
 * <p>Thread-safe. Results are cached per (verifier, user name, word count) under a SHA-256 of the first two, so
 * the cache holds no verifier. Neither a candidate nor a verifier ever reaches a log, a message or an exception.
 */
public final class WeakPasswordDetector {

    /**
     * Dictionary words tried against a slow verifier of the default cost: SCRAM-SHA-256 of PostgreSQL's default 4096
     * iterations, caching_sha2_password of MySQL's default 5000 rounds (postgresql_weak_password and
     * mysql_weak_password set the same default as their param slow_hash_words). Chosen by measurement (see
     * {@code ScramBenchmark} and {@code WeakPasswordChecksTest}) on this project's 2-core machine: one SCRAM
     * candidate costs 0.93 ms of one core once the JIT has compiled the loop, but a fresh JVM spends another
     * 0.6–0.8 s reaching that speed, so postgresql_weak_password over 50 roles × (3 name variants + 15 words) took
     * 1.0–1.2 s (1.0–1.3 s with 20 words): the 2 s budget with room for a busier machine.
     */
    public static final int DEFAULT_SLOW_HASH_CANDIDATES = 15;
    /** The iteration count {@link #slowHashCandidates()} is sized for (PostgreSQL's default scram_iterations). */
    public static final int REFERENCE_SCRAM_ITERATIONS = 4096;
    /** The round count {@link #slowHashCandidates()} is sized for (MySQL's caching_sha2_password default). */
    public static final int REFERENCE_SHA2_ROUNDS = 5000;
    /** Slow verifiers with more iterations (rounds) than this are not tried at all (a candidate would take seconds). */
    public static final int MAX_SLOW_HASH_ITERATIONS = 100_000;
    /**
     * The most dictionary words a rule may ask to try against a slow verifier ({@code weak_password(v, u, N)} and
     * {@code password_candidates(v, N)} use at most this many): about 1 s of one core per SCRAM verifier of the
     * default cost. {@code weak_password(verifier, user, 10000)} over a dozen roles ran 42 s before this cap.
     */
    public static final int MAX_SLOW_HASH_WORDS = 1_000;
    /**
     * Wall-clock time one verifier may take (its candidates are hashed on every core). At
     * {@link #MAX_SLOW_HASH_WORDS} a default-cost verifier takes about 0.5 s on 2 idle cores; past this the check
     * gives up with an error rather than hold a rule evaluation (which has its own limit) for longer.
     */
    public static final Duration MAX_CHECK_TIME = Duration.ofSeconds(2);

    private static final int CACHE_LIMIT = 100_000;
    private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final PasswordDictionary dictionary;
    private final int slowHashCandidates;
    private final Duration timeLimit;
    private final Map<String, PasswordMatch> cache = new ConcurrentHashMap<>();
    private volatile Set<String> nativeDictionaryDigests;

    public WeakPasswordDetector(PasswordDictionary dictionary) {
        this(dictionary, DEFAULT_SLOW_HASH_CANDIDATES);
    }

    /** {@code slowHashCandidates}: dictionary words tried against a slow verifier of the default cost. */
    public WeakPasswordDetector(PasswordDictionary dictionary, int slowHashCandidates) {
        this(dictionary, slowHashCandidates, MAX_CHECK_TIME);
    }

    /** As {@link #WeakPasswordDetector(PasswordDictionary, int)}, giving up on one verifier after {@code timeLimit}. */
    public WeakPasswordDetector(PasswordDictionary dictionary, int slowHashCandidates, Duration timeLimit) {
        this.dictionary = Objects.requireNonNull(dictionary, "dictionary");
        if (slowHashCandidates < 0 || slowHashCandidates > MAX_SLOW_HASH_WORDS) {
            throw new IllegalArgumentException("slowHashCandidates must be between 0 and " + MAX_SLOW_HASH_WORDS);
        }
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("the time limit must be positive");
        }
        this.slowHashCandidates = slowHashCandidates;
        this.timeLimit = timeLimit;
    }

    public PasswordDictionary dictionary() {
        return dictionary;
    }

    public int slowHashCandidates() {
        return slowHashCandidates;
    }

    /** The scheme of a stored verifier. */
    public static PasswordScheme scheme(String verifier) {
        return PasswordScheme.of(verifier);
    }

    /**
     * What the password behind {@code verifier} is: the account's name ({@code user}, any case variant), a
     * dictionary word, or neither (also for empty and unknown verifiers). Slow verifiers (SCRAM-SHA-256,
     * caching_sha2_password) are tried against {@link #slowHashCandidates()} words.
     */
    public PasswordMatch check(String verifier, String user) {
        return check(verifier, user, slowHashCandidates);
    }

    /**
     * As {@link #check(String, String)}, with {@code slowHashWords} dictionary words tried against a slow verifier
     * of the default cost (SCRAM-SHA-256: 4096 iterations; caching_sha2_password: 5000 rounds), proportionally more
     * or fewer for other costs; a check's params can raise it up to {@link #MAX_SLOW_HASH_WORDS}.
     *
     * @throws TimeLimitExceeded when the verifier's candidates take longer than the detector's time limit
     */
    public PasswordMatch check(String verifier, String user, int slowHashWords) {
        if (verifier == null || verifier.isEmpty()) {
            return PasswordMatch.NONE;
        }
        String name = user == null ? "" : user;
        int words = clamp(slowHashWords);
        String key = cacheKey(verifier, name, words);
        PasswordMatch cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        PasswordMatch result = compute(verifier, name, words);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, result);
        return result;
    }

    /** How many results are cached (tests). */
    int cachedResults() {
        return cache.size();
    }

    /** How many dictionary words {@link #check(String, String)} tries against this verifier. */
    public int dictionaryWordsTried(String verifier) {
        return dictionaryWordsTried(verifier, slowHashCandidates);
    }

    /** How many dictionary words {@link #check(String, String, int)} tries against this verifier. */
    public int dictionaryWordsTried(String verifier, int slowHashWords) {
        return switch (PasswordScheme.of(verifier)) {
            case MYSQL_NATIVE_PASSWORD, MD5 -> dictionary.size();
            case SCRAM_SHA_256, CACHING_SHA2_PASSWORD -> slow(verifier)
                    .map(v -> slowWords(v, clamp(slowHashWords))).orElse(0);
            case EMPTY, UNKNOWN -> 0;
        };
    }

    /**
     * The dictionary part tried against this verifier, for findings, e.g. "the 3,545 passwords of John the Ripper's
     * password.lst (…)" or, for slow hashes, "the 15 most common of the 3,545 passwords of …". Never a password.
     */
    public String candidatesTried(String verifier) {
        return candidatesTried(verifier, slowHashCandidates);
    }

    /** As {@link #candidatesTried(String)} for {@link #check(String, String, int)}. */
    public String candidatesTried(String verifier, int slowHashWords) {
        PasswordScheme scheme = PasswordScheme.of(verifier);
        if (scheme == PasswordScheme.EMPTY || scheme == PasswordScheme.UNKNOWN) {
            return "no password (the " + scheme.id() + " scheme is not compared)";
        }
        Optional<Slow> slow = slow(verifier);
        if (slow.isPresent() && slow.get().cost() > MAX_SLOW_HASH_ITERATIONS) {
            return "no password (the verifier uses " + PasswordDictionary.count(slow.get().cost())
                    + " iterations, more than " + PasswordDictionary.count(MAX_SLOW_HASH_ITERATIONS) + ")";
        }
        return dictionary.describe(dictionaryWordsTried(verifier, slowHashWords));
    }

    /** A rule's word count within 0..{@link #MAX_SLOW_HASH_WORDS}. */
    private static int clamp(int slowHashWords) {
        return Math.max(0, Math.min(slowHashWords, MAX_SLOW_HASH_WORDS));
    }

    /** The account's name as it is, lower-case, upper-case and capitalised: distinct, non-empty, in that order. */
    static List<String> userNameVariants(String user) {
        Set<String> variants = new LinkedHashSet<>();
        if (user != null && !user.isEmpty()) {
            variants.add(user);
            String lower = user.toLowerCase(Locale.ROOT);
            variants.add(lower);
            variants.add(user.toUpperCase(Locale.ROOT));
            int first = lower.codePointAt(0);
            variants.add(new StringBuilder().appendCodePoint(Character.toTitleCase(first))
                    .append(lower, Character.charCount(first), lower.length()).toString());
        }
        return new ArrayList<>(variants);
    }

    /** A verifier that is slow to test by design, with its cost and the cost the word budget is sized for. */
    private record Slow(int cost, int referenceCost, Predicate<String> matcher) {
    }

    private static Optional<Slow> slow(String verifier) {
        Optional<ScramSha256Verifier> scram = ScramSha256Verifier.parse(verifier);
        if (scram.isPresent()) {
            ScramSha256Verifier v = scram.get();
            return Optional.of(new Slow(v.iterations(), REFERENCE_SCRAM_ITERATIONS, v::matches));
        }
        return CachingSha2Password.parse(verifier)
                .map(v -> new Slow(v.rounds(), REFERENCE_SHA2_ROUNDS, v::matches));
    }

    private int slowWords(Slow verifier, int wordsAtReference) {
        if (verifier.cost() > MAX_SLOW_HASH_ITERATIONS) {
            return 0;
        }
        long scaled = (long) wordsAtReference * verifier.referenceCost() / Math.max(1, verifier.cost());
        return (int) Math.min(dictionary.size(), Math.min(scaled, Integer.MAX_VALUE));
    }

    private PasswordMatch compute(String verifier, String user, int slowHashWords) {
        if (MysqlNativePassword.isVerifier(verifier)) {
            return nativePassword(MysqlNativePassword.digestOf(verifier), user);
        }
        if (PostgresMd5Password.isVerifier(verifier)) {
            return postgresMd5(PostgresMd5Password.digestOf(verifier), user);
        }
        Optional<Slow> slow = slow(verifier);
        if (slow.isPresent()) {
            return slow(slow.get(), user, slowHashWords);
        }
        return PasswordMatch.NONE;
    }

    private PasswordMatch nativePassword(byte[] stored, String user) {
        MessageDigest sha1 = MysqlNativePassword.sha1();
        for (String variant : userNameVariants(user)) {
            if (MessageDigest.isEqual(stored, MysqlNativePassword.digest(sha1, variant.getBytes(StandardCharsets.UTF_8)))) {
                return PasswordMatch.USER_NAME;
            }
        }
        return nativeDictionaryDigests().contains(asKey(stored)) ? PasswordMatch.DICTIONARY : PasswordMatch.NONE;
    }

    /** SHA1(SHA1(word)) of every dictionary word, computed once (unsalted, so shared by all accounts). */
    private Set<String> nativeDictionaryDigests() {
        Set<String> digests = nativeDictionaryDigests;
        if (digests == null) {
            synchronized (this) {
                digests = nativeDictionaryDigests;
                if (digests == null) {
                    MessageDigest sha1 = MysqlNativePassword.sha1();
                    digests = new HashSet<>(dictionary.size() * 2);
                    for (byte[] word : dictionary.utf8()) {
                        digests.add(asKey(MysqlNativePassword.digest(sha1, word)));
                    }
                    nativeDictionaryDigests = digests;
                }
            }
        }
        return digests;
    }

    private static String asKey(byte[] digest) {
        return new String(digest, StandardCharsets.ISO_8859_1);
    }

    private PasswordMatch postgresMd5(byte[] stored, String role) {
        MessageDigest md5 = PostgresMd5Password.md5();
        byte[] salt = role.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[16];
        for (String variant : userNameVariants(role)) {
            if (md5Matches(md5, variant.getBytes(StandardCharsets.UTF_8), salt, stored, out)) {
                return PasswordMatch.USER_NAME;
            }
        }
        for (byte[] word : dictionary.utf8()) {
            if (md5Matches(md5, word, salt, stored, out)) {
                return PasswordMatch.DICTIONARY;
            }
        }
        return PasswordMatch.NONE;
    }

    private static boolean md5Matches(MessageDigest md5, byte[] password, byte[] salt, byte[] stored, byte[] out) {
        md5.update(password);
        md5.update(salt);
        try {
            md5.digest(out, 0, out.length);
        } catch (DigestException e) {
            throw new IllegalStateException("MD5 digest failed", e);
        }
        return MessageDigest.isEqual(out, stored);
    }

    private PasswordMatch slow(Slow verifier, String user, int slowHashWords) {
        if (verifier.cost() > MAX_SLOW_HASH_ITERATIONS) {
            return PasswordMatch.NONE;
        }
        List<String> candidates = new ArrayList<>(userNameVariants(user));
        int names = candidates.size();
        candidates.addAll(dictionary.passwords().subList(0, slowWords(verifier, slowHashWords)));
        int first = firstMatch(verifier, candidates, System.nanoTime() + timeLimit.toNanos());
        if (first == TIMED_OUT) {
            throw new TimeLimitExceeded("weak_password gave up: trying " + candidates.size()
                    + " candidates against one verifier took longer than its time limit of "
                    + io.dbwarden.units.Durations.format(timeLimit) + "; ask for fewer slow_hash_words");
        }
        if (first < 0) {
            return PasswordMatch.NONE;
        }
        return first < names ? PasswordMatch.USER_NAME : PasswordMatch.DICTIONARY;
    }

    /**
     * The index of the first candidate that matches, -1 for none, or {@link #TIMED_OUT}. Workers claim candidates
     * in order, and stop once a match earlier than anything they could still claim is known, so the result is the
     * first match in list order. Past the deadline every worker stops before its next candidate, and this returns
     * only when all of them have: nothing goes on hashing after a time-out.
     */
    private static int firstMatch(Slow verifier, List<String> candidates, long deadline) {
        int n = candidates.size();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger found = new AtomicInteger(Integer.MAX_VALUE);
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < n && i < found.get(); i = next.getAndIncrement()) {
                if (System.nanoTime() - deadline > 0) {
                    timedOut.set(true);
                    return;
                }
                if (verifier.matcher().test(candidates.get(i))) {
                    found.accumulateAndGet(i, Math::min);
                }
            }
        };
        int helpers = Math.min(WORKERS, n) - 1;
        List<Future<?>> futures = new ArrayList<>(Math.max(0, helpers));
        for (int h = 0; h < helpers; h++) {
            futures.add(Pool.EXECUTOR.submit(worker));
        }
        try {
            worker.run();
        } finally {
            for (Future<?> f : futures) {
                await(f);
            }
        }
        if (timedOut.get()) {
            return TIMED_OUT;
        }
        int first = found.get();
        return first == Integer.MAX_VALUE ? -1 : first;
    }

    private static final int TIMED_OUT = -2;

    /** A verifier whose candidates took longer than the detector's time limit; the message names the limit. */
    public static final class TimeLimitExceeded extends RuntimeException {
        TimeLimitExceeded(String message) {
            super(message, null, false, false);
        }
    }

    private static void await(Future<?> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    future.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw cause instanceof RuntimeException r ? r : new IllegalStateException("password check failed");
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String cacheKey(String verifier, String user, int slowHashWords) {
        MessageDigest sha256 = HmacSha256.sha256();
        sha256.update(verifier.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(user.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(sha256.digest()) + "/" + slowHashWords;
    }

    /** Daemon threads shared by every detector: the candidates of one slow verifier are spread over them. */
    private static final class Pool {
        static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(Math.max(1, WORKERS - 1), runnable -> {
            Thread t = new Thread(runnable, "dbwarden-password-check");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String toString() {
        return "WeakPasswordDetector[" + dictionary + ", " + slowHashCandidates + " words against slow hashes]";
    }
}
