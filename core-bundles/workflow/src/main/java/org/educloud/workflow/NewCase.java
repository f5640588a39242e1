package org.educloud.workflow;

import java.util.Objects;
import java.util.Optional;

import org.educloud.identity.OrgPath;

/**
 * What starting a case takes.
 *
 * @param definitionId which workflow, e.g. {@link StudentTransferWorkflow#ID}
 * @param subject      the student: their username or registry number (学籍号)
 * @param subjectName  the student's name as shown on the to-dos
 * @param school       the student's current school (province/city/district/school path)
 * @param destination  the school the student moves to, for transfers
 * @param reason       why, as the applicant wrote it (转学原因, 休学原因)
 */
public record NewCase(String definitionId, String subject, String subjectName, OrgPath school, Optional<OrgPath> destination,
        String reason) {

    public NewCase {
        Objects.requireNonNull(school, "school");
        Objects.requireNonNull(destination, "destination");
    }
}
