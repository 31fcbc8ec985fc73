package io.dbwarden.tls;

/** Why the TLS facts of a server could not be read, as a sentence fit for a skipped check's reason. */
final class TlsProbeException extends Exception {

    TlsProbeException(String message, Throwable cause) {
        super(message, cause);
    }
}
