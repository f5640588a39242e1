package org.educloud.basedata;

import org.educloud.identity.OrgPath;

/**
 * Which page of a list to return.
 *
 * @param under only rows of this org's subtree ({@link OrgPath#ROOT} for all the caller may see)
 * @param after the {@link Page#next()} cursor of the previous page; empty or null for the first page
 * @param limit at most this many rows (1-500; out-of-range values are clamped)
 */
public record ListQuery(OrgPath under, String after, int limit) {

    /** The largest page. */
    public static final int MAX_LIMIT = 500;

    public ListQuery {
        under = under == null ? OrgPath.ROOT : under;
        after = after == null ? "" : after;
        limit = Math.max(1, Math.min(limit, MAX_LIMIT));
    }

    /** The first page of everything the caller may see. */
    public static ListQuery first(int limit) {
        return new ListQuery(OrgPath.ROOT, "", limit);
    }
}
