package org.educloud.workflow;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.educloud.identity.OrgPath;

/**
 * What starting a case takes.
 *
 * @param definitionId which workflow, e.g. {@link StudentTransferWorkflow#ID}
 * @param subject      the student: their username or registry number (学籍号); for a
 *                     {@link RecordCorrectionWorkflow record correction}, the person's sourced id in the basic data
 * @param subjectName  the student's name as shown on the to-dos
 * @param school       the student's current school (province/city/district/school path)
 * @param destination  the school the student moves to, for transfers
 * @param reason       why, as the applicant wrote it (转学原因, 休学原因)
 * @param details      what the workflow needs beyond these, by name, in the order given (a record
 *                     correction's fields and values, see {@link RecordCorrectionWorkflow#details}); may be empty
 */
public record NewCase(String definitionId, String subject, String subjectName, OrgPath school, Optional<OrgPath> destination,
        String reason, Map<String, String> details) {

    public NewCase {
        Objects.requireNonNull(school, "school");
        Objects.requireNonNull(destination, "destination");
        details = CaseDetails.copy(details);
    }

    /** A case without details (transfers, suspension, resumption). */
    public NewCase(String definitionId, String subject, String subjectName, OrgPath school, Optional<OrgPath> destination,
            String reason) {
        this(definitionId, subject, subjectName, school, destination, reason, Map.of());
    }
}
