package io.dbwarden.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import io.dbwarden.password.PasswordScheme;
import io.dbwarden.password.WeakPasswordDetector;
import io.dbwarden.units.ByteSize;
import java.util.List;

/** Functions dbwarden adds to CEL for things a rule cannot express safely on its own. */
final class RuleFunctions {

    private RuleFunctions() {}

    static List<CelFunctionDecl> declarations() {
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("format_bytes",
                        CelOverloadDecl.newGlobalOverload("format_bytes_int", SimpleType.STRING, SimpleType.INT),
                        CelOverloadDecl.newGlobalOverload("format_bytes_double", SimpleType.STRING, SimpleType.DOUBLE)),
                CelFunctionDecl.newFunctionDeclaration("is_loopback",
                        CelOverloadDecl.newGlobalOverload("is_loopback_string", SimpleType.BOOL, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("is_private_network",
                        CelOverloadDecl.newGlobalOverload("is_private_network_string", SimpleType.BOOL, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("percent",
                        CelOverloadDecl.newGlobalOverload("percent_double", SimpleType.STRING, SimpleType.DOUBLE)),
                CelFunctionDecl.newFunctionDeclaration("weak_password",
                        CelOverloadDecl.newGlobalOverload("weak_password_string_string", SimpleType.STRING,
                                SimpleType.STRING, SimpleType.STRING),
                        CelOverloadDecl.newGlobalOverload("weak_password_string_string_int", SimpleType.STRING,
                                SimpleType.STRING, SimpleType.STRING, SimpleType.INT)),
                CelFunctionDecl.newFunctionDeclaration("password_scheme",
                        CelOverloadDecl.newGlobalOverload("password_scheme_string", SimpleType.STRING, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("password_candidates",
                        CelOverloadDecl.newGlobalOverload("password_candidates_string", SimpleType.STRING,
                                SimpleType.STRING),
                        CelOverloadDecl.newGlobalOverload("password_candidates_string_int", SimpleType.STRING,
                                SimpleType.STRING, SimpleType.INT)));
    }

    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("format_bytes_int", Long.class, ByteSize::format),
                CelFunctionBinding.from("format_bytes_double", Double.class, d -> ByteSize.format(Math.round(d))),
                CelFunctionBinding.from("is_loopback_string", String.class, HostPatterns::isLoopback),
                CelFunctionBinding.from("is_private_network_string", String.class, HostPatterns::isPrivateNetwork),
                CelFunctionBinding.from("percent_double", Double.class, RuleFunctions::percent));
    }

    /**
     * Weak-password functions, bound to the detector (and so the dictionary) the compiler was built with. They
     * return what matched or which list was tried, never a password or a verifier:
     * <ul>
     *   <li>{@code weak_password(verifier, user)}: '' when nothing matched, 'user name' when the password is the
     *       account's name (as is, lower, UPPER or Capitalised), 'dictionary' when it is a dictionary word;
     *       {@code weak_password(verifier, user, slow_hash_words)} tries that many dictionary words against a
     *       slow verifier of the default cost (SCRAM-SHA-256 4096 iterations, caching_sha2_password 5000 rounds)
     *       instead of the default ({@link WeakPasswordDetector#DEFAULT_SLOW_HASH_CANDIDATES}); fast hashes
     *       (mysql_native_password, md5) are always tried against the whole dictionary;</li>
     *   <li>{@code password_scheme(verifier)}: 'mysql_native_password', 'md5', 'scram-sha-256',
     *       'caching_sha2_password', 'empty' or 'unknown';</li>
     *   <li>{@code password_candidates(verifier)}, {@code password_candidates(verifier, slow_hash_words)}: the
     *       dictionary part tried against that verifier, e.g. "the 15 most common of the 3,545 passwords of John the
     *       Ripper's password.lst (…)".</li>
     * </ul>
     */
    static List<CelFunctionBinding> passwordBindings(WeakPasswordDetector detector) {
        return List.of(
                CelFunctionBinding.from("weak_password_string_string", String.class, String.class,
                        (verifier, user) -> detector.check(verifier, user).id()),
                CelFunctionBinding.from("weak_password_string_string_int", List.of(String.class, String.class, Long.class),
                        args -> detector.check((String) args[0], (String) args[1], words(args[2])).id()),
                CelFunctionBinding.from("password_scheme_string", String.class, v -> PasswordScheme.of(v).id()),
                CelFunctionBinding.from("password_candidates_string", String.class, detector::candidatesTried),
                CelFunctionBinding.from("password_candidates_string_int", String.class, Long.class,
                        (verifier, words) -> detector.candidatesTried(verifier, words(words))));
    }

    private static int words(Object count) {
        long n = (Long) count;
        return (int) Math.max(0, Math.min(n, Integer.MAX_VALUE));
    }

    /** Formats a ratio such as 0.123 as "12.3 %". */
    static String percent(double ratio) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", ratio * 100);
    }
}
