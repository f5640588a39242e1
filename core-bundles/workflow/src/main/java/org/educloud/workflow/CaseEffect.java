package org.educloud.workflow;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What an approved case does beyond closing: a record correction changes the basic data. Register
 * one as an OSGi service for the workflow it carries out ({@link #definitionId()}); the engine
 * checks each new case of that workflow with it, and applies it when the last step is approved,
 * before the approval is committed: when it throws, the approval is refused and the case stays
 * where it was. A workflow that needs an effect ({@link RecordCorrectionWorkflow}) cannot be
 * started or completed while none is registered.
 */
@ConsumerType
public interface CaseEffect {

    /** The workflow this carries out, e.g. {@link RecordCorrectionWorkflow#ID}. */
    String definitionId();

    /**
     * Checks a new case before it starts (its subject and details).
     *
     * @throws WorkflowProblem saying what is wrong, when the case cannot be carried out as asked
     */
    void check(NewCase request, Actor applicant);

    /**
     * Carries out an approved case on behalf of the approver of its last step.
     *
     * @throws WorkflowProblem saying why, when it cannot be done; nothing of the approval is kept then
     */
    void apply(WorkflowCase approved, Actor approver);
}
