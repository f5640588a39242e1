package org.educloud.appcenter.catalog.internal;

/** Where a submitted app version is in review. */
public enum VersionState {
    /** Passed the automatic checks; waits for an operator. */
    SUBMITTED,
    /** An operator approved it: schools may install it. */
    APPROVED,
    /** An operator rejected it, with the reason. */
    REJECTED
}
