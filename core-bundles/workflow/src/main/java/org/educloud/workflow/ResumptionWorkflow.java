package org.educloud.workflow;

import java.time.Duration;
import java.util.List;

/**
 * 复学: a suspended student returns to school. The school approves, then the district's bureau
 * confirms the student's status is active again.
 */
public final class ResumptionWorkflow {

    /** The definition's id. */
    public static final String ID = "resumption";

    private ResumptionWorkflow() {
    }

    /** The built-in definition. */
    public static WorkflowDefinition definition() {
        return new WorkflowDefinition(ID, "复学", "Resumption of schooling", RelativeOrg.SCHOOL, List.of(
                new StepDefinition("school", "学校审核", "School review",
                        new Assignee("school-admin", RelativeOrg.SCHOOL), Duration.ofDays(3), Escalation.upOneOrg()),
                new StepDefinition("district", "区县教育行政部门审核", "District bureau review",
                        new Assignee("district-officer", RelativeOrg.DISTRICT), Duration.ofDays(5), Escalation.upOneOrg())));
    }
}
