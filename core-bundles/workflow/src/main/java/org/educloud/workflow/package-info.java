/**
 * Approval workflows that cross org levels, the to-dos they make, and messages: what plugins use
 * (through the SDK) to start and follow cases and to post to people.
 *
 * <p>A {@link org.educloud.workflow.WorkflowDefinition} is a sequence of steps; each step is for a
 * role at an org {@link org.educloud.workflow.RelativeOrg relative to the case} (the student's
 * school, its district, the destination district...). {@link org.educloud.workflow.Workflows}
 * starts cases and acts on them; every pending step is a {@link org.educloud.workflow.Todo} for
 * whoever holds the step's role at the step's org or above it. {@link org.educloud.workflow.Messages}
 * posts to a user, a class, a school or an org subtree. Every transition is an EventAdmin event
 * ({@link org.educloud.workflow.Transition}).
 */
@Version("1.2.0")
@Export
package org.educloud.workflow;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
