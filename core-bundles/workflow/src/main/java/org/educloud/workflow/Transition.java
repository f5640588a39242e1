package org.educloud.workflow;

/**
 * What happened to a case: one history entry and one EventAdmin event each. The event's topic is
 * {@link #topic()}, {@code org/educloud/workflow/case/<NAME>}; subscribe to
 * {@code org/educloud/workflow/case/*} for all. Every event carries the properties named by the
 * {@code PROPERTY_} constants ({@code step}, {@code role}, {@code org} when there is a step;
 * {@code comment} when one was given).
 */
public enum Transition {
    /** A case was started; its first step is pending. */
    STARTED,
    /** A step was approved; the next is pending (a {@link #COMPLETED} event follows the last). */
    STEP_APPROVED,
    /** A reviewer returned the case to the applicant for correction. */
    RETURNED,
    /** The applicant resubmitted a returned case. */
    RESUBMITTED,
    /** A reviewer rejected the case, with a reason; it is closed. */
    REJECTED,
    /** A step's time ran out; it moved to another role or org. */
    ESCALATED,
    /** The last step was approved; the case is closed. */
    COMPLETED;

    /** The prefix of every case event's topic. */
    public static final String TOPIC_PREFIX = "org/educloud/workflow/case/";
    /** Event property: the case id (Long). */
    public static final String PROPERTY_CASE = "case";
    /** Event property: the workflow definition id. */
    public static final String PROPERTY_DEFINITION = "definition";
    /** Event property: the student (username or registry number). */
    public static final String PROPERTY_SUBJECT = "subject";
    /** Event property: the student's school path. */
    public static final String PROPERTY_SCHOOL = "school";
    /** Event property: the destination school path, for transfers. */
    public static final String PROPERTY_DESTINATION = "destination";
    /** Event property: the case status after the transition (a {@link CaseStatus} name). */
    public static final String PROPERTY_STATUS = "status";
    /** Event property: who acted (a username, or {@code system:escalation}). */
    public static final String PROPERTY_ACTOR = "actor";
    /** Event property: the step acted on (its definition id). */
    public static final String PROPERTY_STEP = "step";
    /** Event property: the role the step is (now) for. */
    public static final String PROPERTY_ROLE = "role";
    /** Event property: the org the step is (now) for. */
    public static final String PROPERTY_ORG = "org";
    /** Event property: the reason, correction request or note. */
    public static final String PROPERTY_COMMENT = "comment";

    /** This transition's EventAdmin topic. */
    public String topic() {
        return TOPIC_PREFIX + name();
    }
}
