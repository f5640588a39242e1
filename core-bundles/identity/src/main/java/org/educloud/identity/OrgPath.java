package org.educloud.identity;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where an org sits in the tree, as the ids from the top down: {@code /37/3701/370102/3701020001}
 * is a school in a district of a city of a province. A grant at one path covers every path below it.
 *
 * @param value the path, starting with {@code /}, segments of letters, digits, {@code -} or {@code _}
 */
public record OrgPath(String value) {

    private static final Pattern SHAPE = Pattern.compile("(/[A-Za-z0-9_-]{1,40}){1,8}|/");

    /** The whole region: covers every org. */
    public static final OrgPath ROOT = new OrgPath("/");

    /**
     * @throws IllegalArgumentException when the path is not a {@code /}-separated list of ids
     */
    public OrgPath {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("org path '" + value + "' is not valid: write the org ids from the top down, "
                    + "e.g. /37/3701/370102 (letters, digits, - or _, at most 8 levels), or / for the whole region");
        }
    }

    /** Parses a path, as {@link #OrgPath(String)}. */
    public static OrgPath of(String value) {
        return new OrgPath(value);
    }

    /** True when this path is {@code other} or one of its ancestors. */
    public boolean covers(OrgPath other) {
        return value.equals("/") || other.value.equals(value) || other.value.startsWith(value + "/");
    }

    /** The id of the org itself (the last segment); empty for the root. */
    public String orgId() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    /** The ids from the top down. */
    public List<String> segments() {
        return value.equals("/") ? List.of() : List.of(value.substring(1).split("/"));
    }

    @Override
    public String toString() {
        return value;
    }
}
