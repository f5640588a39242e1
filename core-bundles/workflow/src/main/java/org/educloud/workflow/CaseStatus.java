package org.educloud.workflow;

/** Where a case stands. */
public enum CaseStatus {
    /** A step is pending with its reviewers. */
    IN_REVIEW,
    /** Returned to the applicant for correction; they resubmit. */
    RETURNED,
    /** Every step approved. */
    COMPLETED,
    /** A reviewer rejected it, with a reason. */
    REJECTED;

    /** True once nothing more can happen to the case. */
    public boolean closed() {
        return this == COMPLETED || this == REJECTED;
    }
}
