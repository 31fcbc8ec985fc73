package io.dbwarden.web;

/** 413: the declared body size is over {@link WebServer#MAX_BODY_BYTES}; refused before a byte of it is read. */
final class ContentTooLarge extends ApiException {

    private static final long serialVersionUID = 1L;

    ContentTooLarge(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 413;
    }
}
