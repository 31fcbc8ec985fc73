package io.dbwarden.template;

/** A template that cannot be rendered: an unclosed placeholder, an unknown filter, an unbalanced section. */
public final class TemplateSyntaxException extends Exception {

    private final int offset;

    TemplateSyntaxException(int offset, String message) {
        super(message);
        this.offset = offset;
    }

    /** Where in the template text the problem starts (0-based). */
    public int offset() {
        return offset;
    }
}
