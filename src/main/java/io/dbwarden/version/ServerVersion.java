package io.dbwarden.version;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server's release as reported by the server itself. */
public record ServerVersion(int major, int minor, int patch, Flavor flavor, String full) implements Comparable<ServerVersion> {

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    public ServerVersion {
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(full, "full");
    }

    /** Reads the leading dotted numbers of a version string such as {@code 10.11.6-MariaDB-0+deb12u1}. */
    public static ServerVersion parse(String text, Flavor flavor) {
        Matcher m = NUMBERS.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("version '" + text + "' has no number");
        }
        return new ServerVersion(group(m, 1), group(m, 2), group(m, 3), flavor, text);
    }

    private static int group(Matcher m, int i) {
        return m.group(i) == null ? 0 : Integer.parseInt(m.group(i));
    }

    @Override
    public int compareTo(ServerVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    public String number() {
        return major + "." + minor + "." + patch;
    }

    public Map<String, Object> toCelMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("major", (long) major);
        m.put("minor", (long) minor);
        m.put("patch", (long) patch);
        m.put("flavor", flavor.id());
        m.put("full", full);
        return m;
    }
}
