package org.educloud.platform.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to search a log for. Every condition given must hold.
 *
 * @param within   org paths ({@code /37/3701}) whose subtrees the events must belong to; an event tied
 *                 to no org is only in {@code /} (the whole region). At least one.
 * @param actor    the actor contains this text (case-insensitive)
 * @param action   the action contains this text (case-insensitive)
 * @param from     at or after this instant
 * @param to       before this instant
 * @param beforeId only events with a smaller id; 0 for the newest
 * @param limit    at most this many (1 to {@link #MAX_LIMIT})
 */
public record AuditQuery(List<String> within, Optional<String> actor, Optional<String> action, Optional<Instant> from,
        Optional<Instant> to, long beforeId, int limit) {

    /** The most one search returns. */
    public static final int MAX_LIMIT = 500;

    /** The whole region. */
    public static final String EVERYWHERE = "/";

    public AuditQuery {
        within = List.copyOf(within);
        if (within.isEmpty()) {
            throw new IllegalArgumentException("within is empty: give the orgs whose events may be read ('/' for all)");
        }
        for (String path : within) {
            if (!path.startsWith("/") || path.length() > 1 && path.endsWith("/")) {
                throw new IllegalArgumentException("'" + path + "' is not an org path like /37/3701 (or / for the region)");
            }
        }
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        actor = actor.map(String::strip).filter(a -> !a.isEmpty());
        action = action.map(String::strip).filter(a -> !a.isEmpty());
        if (beforeId < 0) {
            throw new IllegalArgumentException("beforeId " + beforeId + " is negative: give 0 for the newest events");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is out of range: give 1 to " + MAX_LIMIT);
        }
    }

    /** True when the query reads the whole region, events tied to no org included. */
    public boolean everywhere() {
        return within.contains(EVERYWHERE);
    }

    /** The same query for the page after the event with id {@code id}. */
    public AuditQuery before(long id) {
        return new AuditQuery(within, actor, action, from, to, id, limit);
    }
}
