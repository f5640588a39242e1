package org.educloud.sdk.workflow;

import java.time.Instant;
import java.util.Optional;

/**
 * A case as it stands.
 *
 * @param id           the case id
 * @param definitionId which workflow
 * @param student      the student (username or registry number)
 * @param school       the student's school path
 * @param applicant    who applied (username)
 * @param status       {@code IN_REVIEW}, {@code RETURNED} (to the applicant for correction), {@code COMPLETED} (approved) or {@code REJECTED}
 * @param pendingStep  the name (in Chinese) of the step it waits on; empty once closed
 * @param startedAt    when it started
 * @param updatedAt    its last transition
 */
public record ApprovalCase(long id, String definitionId, String student, String school, String applicant, String status,
        Optional<String> pendingStep, Instant startedAt, Instant updatedAt) {
}
