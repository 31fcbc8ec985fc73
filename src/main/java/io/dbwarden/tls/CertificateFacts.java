package io.dbwarden.tls;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.XECKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/** What a rule may ask about a certificate, as CEL values; time-dependent fields are computed from {@code now}. */
final class CertificateFacts {

    private static final long SECONDS_PER_DAY = 86_400;
    /** SAN type numbers in {@link X509Certificate#getSubjectAlternativeNames()}. */
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private CertificateFacts() {
    }

    static Map<String, Object> of(X509Certificate cert, Instant now) {
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        PublicKey key = cert.getPublicKey();
        String hash = signatureHash(cert);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("subject", cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
        facts.put("issuer", cert.getIssuerX500Principal().getName(X500Principal.RFC2253));
        facts.put("self_signed", isSelfSigned(cert));
        facts.put("key_algorithm", keyAlgorithm(key));
        facts.put("key_bits", keyBits(key));
        facts.put("signature_algorithm", cert.getSigAlgName());
        facts.put("signature_hash", hash);
        facts.put("sha1_signed", hash.equals("SHA-1"));
        facts.put("not_before", notBefore.toString());
        facts.put("not_after", notAfter.toString());
        // floor, so that a certificate that expired an hour ago has -1 days left, not 0
        facts.put("days_left", Math.floorDiv(notAfter.getEpochSecond() - now.getEpochSecond(), SECONDS_PER_DAY));
        facts.put("expired", now.isAfter(notAfter));
        facts.put("not_yet_valid", now.isBefore(notBefore));
        facts.put("serial", cert.getSerialNumber().toString(16));
        facts.put("sha256_fingerprint", fingerprint(cert));
        facts.put("alt_names", altNames(cert));
        return facts;
    }

    private static boolean isSelfSigned(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        try {
            cert.verify(cert.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false; // same name, signed by another key: issued by a CA of that name
        }
    }

    /** RSA, EC, DSA, RSASSA-PSS, Ed25519, Ed448, X25519…: the JDK's name, with EdDSA keys named by their curve. */
    private static String keyAlgorithm(PublicKey key) {
        if (key instanceof EdECKey ed) {
            return ed.getParams().getName();
        }
        if (key instanceof XECKey x && x.getParams() instanceof NamedParameterSpec named) {
            return named.getName();
        }
        return key.getAlgorithm();
    }

    /** Modulus size for RSA, field size for EC, prime size for DSA; -1 when the JDK does not say. */
    private static long keyBits(PublicKey key) {
        if (key instanceof RSAKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAKey dsa && dsa.getParams() != null) {
            return dsa.getParams().getP().bitLength();
        }
        if (key instanceof EdECKey ed) {
            return ed.getParams().getName().equalsIgnoreCase("Ed448") ? 448 : 255;
        }
        return -1;
    }

    /**
     * The digest of the issuer's signature: SHA-1, SHA-256, MD5…; for RSASSA-PSS the one in its parameters; empty
     * for EdDSA, whose hash is part of the algorithm.
     */
    static String signatureHash(X509Certificate cert) {
        String name = cert.getSigAlgName().toUpperCase(Locale.ROOT);
        if (name.equals("RSASSA-PSS")) {
            try {
                AlgorithmParameters params = AlgorithmParameters.getInstance("RSASSA-PSS");
                params.init(cert.getSigAlgParams());
                return params.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm().toUpperCase(Locale.ROOT);
            } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
                return "unknown";
            }
        }
        int with = name.indexOf("WITH");
        if (with <= 0) {
            return "";
        }
        String digest = name.substring(0, with);
        // SHA1 -> SHA-1, SHA384 -> SHA-384; SHA3-256 and MD5 stay as they are
        return digest.startsWith("SHA") && !digest.contains("-") ? "SHA-" + digest.substring(3) : digest;
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            return "";
        }
    }

    private static List<Object> altNames(X509Certificate cert) {
        List<Object> names = new ArrayList<>();
        try {
            Collection<List<?>> entries = cert.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int type = (Integer) entry.get(0);
                    if (type == SAN_DNS || type == SAN_IP) {
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unreadable extension is not a reason to lose the rest
        }
        return names;
    }
}
