package org.educloud.workflow;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.educloud.identity.OrgPath;

/**
 * A case as it stands now.
 *
 * @param id           the case id
 * @param definitionId which workflow
 * @param subject      the student (username or registry number; a person's sourced id for a record correction)
 * @param subjectName  the student's name
 * @param school       the student's school when the case started
 * @param destination  the destination school, for transfers
 * @param applicant    who applied (username)
 * @param reason       the applicant's reason (as corrected on resubmission)
 * @param status       where it stands
 * @param pending      the step it waits on; empty once closed
 * @param version      changes with every transition: send it back with a decision to be sure you decided on what you saw
 * @param startedAt    when it started
 * @param updatedAt    its last transition
 * @param details      the details it was started with ({@link NewCase#details()}), in their order
 */
public record WorkflowCase(long id, String definitionId, String subject, String subjectName, OrgPath school,
        Optional<OrgPath> destination, String applicant, String reason, CaseStatus status, Optional<PendingStep> pending,
        int version, Instant startedAt, Instant updatedAt, Map<String, String> details) {

    public WorkflowCase {
        details = CaseDetails.copy(details);
    }

    /** A case without details. */
    public WorkflowCase(long id, String definitionId, String subject, String subjectName, OrgPath school,
            Optional<OrgPath> destination, String applicant, String reason, CaseStatus status, Optional<PendingStep> pending,
            int version, Instant startedAt, Instant updatedAt) {
        this(id, definitionId, subject, subjectName, school, destination, applicant, reason, status, pending, version, startedAt,
                updatedAt, Map.of());
    }
}
