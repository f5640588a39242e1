package org.educloud.workflow.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the workflows, in {@code etc/org.educloud.workflow.cfg}. */
@ObjectClassDefinition(pid = WorkflowConfig.PID, name = "EduCloud workflows")
public @interface WorkflowConfig {

    String PID = "org.educloud.workflow";

    @AttributeDefinition(description = "Seconds between two looks for steps whose time limit ran out (each node looks; "
            + "each step escalates once)")
    int escalationIntervalSeconds() default 60;

    @AttributeDefinition(description = "Most overdue steps escalated in one look; the rest wait for the next")
    int escalationBatchSize() default 200;
}
