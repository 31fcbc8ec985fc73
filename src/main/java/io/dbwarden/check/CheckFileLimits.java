package io.dbwarden.check;

/**
 * How much a check file may hold. Check files are code from strangers: each limit stops a hostile file
 * cheaply, before it costs time or memory, with the file's position and the limit in the message. The rule's
 * own limits are in {@link io.dbwarden.cel.RuleLimits}.
 */
public final class CheckFileLimits {

    /**
     * Bytes of one check file, checked before it is parsed (no more than this is ever read). The largest
     * built-in check has 9 KB; long descriptions and SQL fit many times over.
     */
    public static final int MAX_FILE_BYTES = 256 * 1024;

    /**
     * Levels of YAML collections inside one another. Built-in checks nest 3 (the file, {@code queries}, a
     * query); a 20,000-deep {@code [} overflowed the YAML composer's stack. Counted as the parser reads, so a
     * deeper file is refused before anything recurses into it.
     */
    public static final int MAX_NESTING_DEPTH = 16;

    /** Queries of one check, each one statement sent to every target it runs on; built-in checks use at most 2. */
    public static final int MAX_QUERIES = 16;

    private CheckFileLimits() {}
}
