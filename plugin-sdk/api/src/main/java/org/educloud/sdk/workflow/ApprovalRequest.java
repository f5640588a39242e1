package org.educloud.sdk.workflow;

import java.util.Objects;
import java.util.Optional;

/**
 * What starting a case takes.
 *
 * @param definitionId which workflow ({@link ApprovalDefinition#id()})
 * @param student      the student: their username or registry number (学籍号)
 * @param studentName  the student's name, as reviewers see it on their to-dos
 * @param school       the student's school path, e.g. {@code /37/3701/370102/3701020001}
 * @param destination  the school the student moves to, for transfers
 * @param reason       why, as the applicant wrote it
 */
public record ApprovalRequest(String definitionId, String student, String studentName, String school, Optional<String> destination,
        String reason) {

    public ApprovalRequest {
        Objects.requireNonNull(definitionId, "definitionId");
        Objects.requireNonNull(school, "school");
        Objects.requireNonNull(destination, "destination");
    }
}
