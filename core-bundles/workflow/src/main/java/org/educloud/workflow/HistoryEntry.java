package org.educloud.workflow;

import java.time.Instant;
import java.util.Optional;

/**
 * One transition of a case, as the history keeps it.
 *
 * @param at         when
 * @param actor      who (username, or {@code system:escalation})
 * @param transition what happened
 * @param stepId     the step it happened to, if any
 * @param org        the org the step was for (or the escalated one)
 * @param address    from where (the client address), when known
 * @param comment    the reason, correction request or note
 */
public record HistoryEntry(Instant at, String actor, Transition transition, Optional<String> stepId, Optional<String> org,
        Optional<String> address, String comment) {
}
