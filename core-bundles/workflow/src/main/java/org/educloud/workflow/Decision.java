package org.educloud.workflow;

import java.util.Objects;
import java.util.Optional;

/**
 * A person's decision on the step a case waits on.
 *
 * @param action          what they do
 * @param comment         the reason for a rejection, what to correct for a return, a note otherwise
 * @param expectedVersion the case version they saw; when given and the case has moved on since, the
 *                        decision is refused as a conflict instead of applying to a case they did not see
 * @param reason          on resubmission, the corrected reason; empty keeps the old one
 */
public record Decision(Action action, String comment, Optional<Integer> expectedVersion, Optional<String> reason) {

    public Decision {
        Objects.requireNonNull(action, "action");
        comment = comment == null ? "" : comment.strip();
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(reason, "reason");
    }

    /** A decision without a version check or correction. */
    public static Decision of(Action action, String comment) {
        return new Decision(action, comment, Optional.empty(), Optional.empty());
    }
}
