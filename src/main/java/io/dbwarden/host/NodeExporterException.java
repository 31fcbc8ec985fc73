package io.dbwarden.host;

/** A node_exporter could not be scraped; the message is a sentence naming the URL and the cause. */
public final class NodeExporterException extends Exception {

    public NodeExporterException(String message) {
        super(message);
    }

    public NodeExporterException(String message, Throwable cause) {
        super(message, cause);
    }
}
