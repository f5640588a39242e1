package org.educloud.workflow;

import java.util.List;
import java.util.Optional;

/**
 * Approval workflows across org levels (an OSGi service). Methods throw {@link WorkflowProblem}
 * for bad input, unknown cases, the wrong actor and conflicts. Every transition is kept in the
 * case's history and posted as an EventAdmin event ({@link Transition}).
 */
public interface Workflows {

    /** The workflows cases can be started for (the built-in ones: transfers, suspension, resumption). */
    List<WorkflowDefinition> definitions();

    /** The workflow with this id. */
    Optional<WorkflowDefinition> definition(String id);

    /**
     * Starts a case; its first step becomes pending (a to-do of its reviewers).
     *
     * <p>Whether {@code applicant} may apply is the caller's check (the REST API asks for the
     * permission {@code workflow:approvals:submit} at the definition's applicant org, or that the
     * applicant is the student): plugins start cases for the users they serve.
     */
    WorkflowCase start(NewCase request, Actor applicant);

    /**
     * Decides on the step the case waits on. Only someone the step is for may act
     * ({@link PendingStep#isFor(Actor)}); a second decision on the same step, or one made on an
     * older version of the case than {@link Decision#expectedVersion()}, is a conflict.
     */
    WorkflowCase act(long caseId, Decision decision, Actor actor);

    /** The case with this id. */
    Optional<WorkflowCase> find(long caseId);

    /** The case with everything that happened to it. */
    CaseHistory history(long caseId);

    /** Cases, newest first. */
    List<WorkflowCase> cases(CaseQuery query);

    /**
     * The to-dos of {@code actor}: reviews for a role they hold at the step's org or above it, and
     * their own returned cases to correct; oldest first, after the step id {@code afterStepId}
     * (0 for the first page), at most {@code limit}.
     */
    List<Todo> todos(Actor actor, long afterStepId, int limit);

    /** How many to-dos {@code actor} has. */
    long todoCount(Actor actor);
}
