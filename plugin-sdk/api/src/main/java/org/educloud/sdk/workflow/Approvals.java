package org.educloud.sdk.workflow;

import java.util.List;
import java.util.Optional;

import org.educloud.sdk.app.NotGrantedException;
import org.educloud.sdk.user.CurrentUser;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Approval workflows for apps (an OSGi service; each app bundle gets its own instance).
 */
@ProviderType
public interface Approvals {

    /** The workflows a case can be started for, e.g. {@code student-transfer}, {@code suspension}. */
    List<ApprovalDefinition> definitions();

    /**
     * Starts a case with {@code applicant} as its applicant; its first step becomes a to-do of its reviewers.
     *
     * @throws NotGrantedException      when the student's school did not install the app or grant
     *                                  {@link org.educloud.sdk.app.AppScopes#WORKFLOWS_SUBMIT}, or the
     *                                  applicant may not apply for students there (and is not the student)
     * @throws IllegalArgumentException when the request is not valid (the message says what to change)
     */
    ApprovalCase start(CurrentUser applicant, ApprovalRequest request);

    /** A case of a school that installed the app, by id. */
    Optional<ApprovalCase> find(long caseId);
}
