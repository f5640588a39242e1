package org.educloud.sdk.workflow;

/**
 * The EventAdmin topics of case transitions, and the properties each event carries. Subscribe
 * with an {@code org.osgi.service.event.EventHandler} whose {@code event.topics} is {@link #ALL} or
 * one topic; an app gets the events of every case, so filter on {@link #SCHOOL} or {@link #CASE}.
 */
public final class ApprovalTopics {

    /** Every transition below. */
    public static final String ALL = "org/educloud/workflow/case/*";
    /** A case was started. */
    public static final String STARTED = "org/educloud/workflow/case/STARTED";
    /** A step was approved and the next is pending. */
    public static final String STEP_APPROVED = "org/educloud/workflow/case/STEP_APPROVED";
    /** A reviewer returned the case to the applicant for correction. */
    public static final String RETURNED = "org/educloud/workflow/case/RETURNED";
    /** The applicant resubmitted a returned case. */
    public static final String RESUBMITTED = "org/educloud/workflow/case/RESUBMITTED";
    /** A reviewer rejected the case; it is closed. */
    public static final String REJECTED = "org/educloud/workflow/case/REJECTED";
    /** A step's time ran out and it moved on. */
    public static final String ESCALATED = "org/educloud/workflow/case/ESCALATED";
    /** The last step was approved; the case is closed. */
    public static final String COMPLETED = "org/educloud/workflow/case/COMPLETED";

    /** Property: the case id (a Long). */
    public static final String CASE = "case";
    /** Property: the workflow id. */
    public static final String DEFINITION = "definition";
    /** Property: the student. */
    public static final String STUDENT = "subject";
    /** Property: the student's school path. */
    public static final String SCHOOL = "school";
    /** Property: the case status after the transition. */
    public static final String STATUS = "status";
    /** Property: who acted. */
    public static final String ACTOR = "actor";
    /** Property: the reason or note given, when there was one. */
    public static final String COMMENT = "comment";

    private ApprovalTopics() {
    }
}
