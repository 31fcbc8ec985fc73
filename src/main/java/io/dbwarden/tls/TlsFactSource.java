package io.dbwarden.tls;

import io.dbwarden.collect.FactOutcome;
import io.dbwarden.collect.FactSource;
import io.dbwarden.fact.Unavailable;
import io.dbwarden.target.Dsn;
import io.dbwarden.target.Target;
import io.dbwarden.version.ServerVersion;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The built-in fact {@code tls}: the server's certificate and TLS parameters, read through the protocol's own
 * upgrade (PostgreSQL SSLRequest, MySQL SSL Request packet) and a handshake that inspects the certificate without
 * trusting it.
 *
 * <p>The fact, as CEL values:
 * <ul>
 *   <li>{@code offered} (bool): the server agreed to switch to TLS;</li>
 *   <li>when offered: {@code protocol} and {@code cipher} of a handshake with this JVM's protocols (TLSv1.2,
 *       TLSv1.3), {@code chain_length}, and {@code certificate}, the server's own certificate: {@code subject},
 *       {@code issuer} (RFC 2253), {@code self_signed}, {@code key_algorithm} ('RSA', 'EC', 'Ed25519'…),
 *       {@code key_bits}, {@code signature_algorithm} ('SHA256withRSA'…), {@code signature_hash} ('SHA-256'…),
 *       {@code sha1_signed}, {@code not_before} and {@code not_after} (ISO-8601 instants), {@code days_left}
 *       (whole days until not_after, rounded down: negative once expired), {@code expired},
 *       {@code not_yet_valid}, {@code serial} (hex), {@code sha256_fingerprint}, {@code alt_names} (DNS names
 *       and IP addresses);</li>
 *   <li>{@code weak_protocols_accepted} (list of 'TLSv1', 'TLSv1.1'): legacy versions the server completed a
 *       ServerHello for, each probed with its own connection; absent when a probe could not finish.</li>
 * </ul>
 *
 * <p>Not applicable to unix-socket targets (TLS is probed over TCP only); failed, with the reason, when the server
 * cannot be reached or the handshake fails. Each read opens up to three short connections; none of them logs in.
 */
public final class TlsFactSource implements FactSource {

    private final Clock clock;
    private final TlsProbe probe;

    /**
     * @param clock what "now" is for {@code days_left} and {@code expired}
     * @param timeout bound on each connect and each read (use the targets' connect timeout)
     */
    public TlsFactSource(Clock clock, Duration timeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.probe = new TlsProbe(Objects.requireNonNull(timeout, "timeout"));
    }

    @Override
    public FactOutcome read(Target target, ServerVersion version) {
        Dsn dsn = target.dsn();
        if (dsn.overUnixSocket()) {
            return FactOutcome.unavailable(new Unavailable.NotApplicable(
                    "connected over a unix socket; TLS is probed over TCP only"));
        }
        Optional<StartTls> upgrade = StartTls.of(dsn.engine());
        if (upgrade.isEmpty()) {
            return FactOutcome.unavailable(new Unavailable.NotApplicable(
                    "TLS probing is not available for " + dsn.engine().id() + " targets"));
        }
        StartTls startTls = upgrade.get();
        String host = dsn.host();
        int port = dsn.port();
        Optional<TlsProbe.Handshake> handshake;
        try {
            handshake = probe.handshake(startTls, host, port);
        } catch (TlsProbeException e) {
            String note = e.getCause() instanceof SSLException ? legacyNote(startTls, host, port) : "";
            return FactOutcome.unavailable(new Unavailable.Failed("TLS probe failed: " + e.getMessage() + note));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("offered", handshake.isPresent());
        if (handshake.isEmpty()) {
            return FactOutcome.known(facts);
        }
        TlsProbe.Handshake h = handshake.get();
        X509Certificate leaf = h.chain().getFirst();
        facts.put("protocol", h.protocol());
        facts.put("cipher", h.cipher());
        facts.put("chain_length", (long) h.chain().size());
        facts.put("certificate", CertificateFacts.of(leaf, clock.instant()));
        weakProtocolsAccepted(startTls, host, port).ifPresent(list -> facts.put("weak_protocols_accepted", list));
        return FactOutcome.known(facts);
    }

    /** The legacy versions the server accepts, or empty when any probe could not finish. */
    private Optional<List<Object>> weakProtocolsAccepted(StartTls startTls, String host, int port) {
        List<Object> accepted = new ArrayList<>();
        for (LegacyProtocol protocol : LegacyProtocol.values()) {
            try {
                if (probe.accepts(startTls, host, port, protocol)) {
                    accepted.add(protocol.protocolName());
                }
            } catch (TlsProbeException e) {
                return Optional.empty();
            }
        }
        return Optional.of(accepted);
    }

    /** When the modern handshake failed, whether the server would speak a version this JVM refuses. */
    private String legacyNote(StartTls startTls, String host, int port) {
        return weakProtocolsAccepted(startTls, host, port)
                .filter(list -> !list.isEmpty())
                .map(list -> "; the server does accept "
                        + String.join(" and ", list.stream().map(String::valueOf).toList())
                        + ", which this JVM refuses to speak")
                .orElse("");
    }
}
