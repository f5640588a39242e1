package org.educloud.workflow;

/**
 * A pending step as a to-do of someone who may act on it.
 *
 * @param step         the step (its {@link PendingStep#id()} is the paging cursor)
 * @param workflowCase the case it belongs to
 * @param definition   the case's workflow, for its name
 */
public record Todo(PendingStep step, WorkflowCase workflowCase, WorkflowDefinition definition) {
}
