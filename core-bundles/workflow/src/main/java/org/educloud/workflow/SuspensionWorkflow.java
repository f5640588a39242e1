package org.educloud.workflow;

import java.time.Duration;
import java.util.List;

/**
 * 休学: a student suspends schooling (illness, family reasons). The student, a guardian or a
 * teacher applies at the school; the school approves, then the district's bureau.
 */
public final class SuspensionWorkflow {

    /** The definition's id. */
    public static final String ID = "suspension";

    private SuspensionWorkflow() {
    }

    /** The built-in definition. */
    public static WorkflowDefinition definition() {
        return new WorkflowDefinition(ID, "休学", "Suspension of schooling", RelativeOrg.SCHOOL, List.of(
                new StepDefinition("school", "学校审核", "School review",
                        new Assignee("school-admin", RelativeOrg.SCHOOL), Duration.ofDays(3), Escalation.upOneOrg()),
                new StepDefinition("district", "区县教育行政部门审核", "District bureau review",
                        new Assignee("district-officer", RelativeOrg.DISTRICT), Duration.ofDays(5), Escalation.upOneOrg())));
    }
}
