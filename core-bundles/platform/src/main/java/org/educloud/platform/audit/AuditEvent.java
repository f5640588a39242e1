package org.educloud.platform.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing someone did, as a log keeps it.
 *
 * @param source  the log's {@link AuditLog#source()}
 * @param id      its id within the log, growing with time; the paging position
 * @param at      when
 * @param actor   who: a username, {@code api:<user> via <client>}, a client id or {@code system:...}
 * @param action  what, in the log's own words, e.g. {@code account.grant}, {@code APPROVED}
 * @param target  what it was done to (an account, an app and version, a case), when the log says
 * @param org     the org it happened at (an org path), when the log ties it to one
 * @param address the client address it came from, when known
 * @param outcome success, failure, refused..., when the log records one
 * @param detail  anything else the log recorded (a reason, a grant, a comment)
 */
public record AuditEvent(String source, long id, Instant at, String actor, String action, Optional<String> target,
        Optional<String> org, Optional<String> address, Optional<String> outcome, Optional<String> detail) {

    public AuditEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}
