package org.educloud.workflow;

import java.util.Locale;

/** What a person does to the step a case waits on. */
public enum Action {
    /** The reviewer approves; the case moves to the next step or completes. */
    APPROVE,
    /** The reviewer rejects; the case closes. Needs a reason. */
    REJECT,
    /** The reviewer returns it to the applicant for correction. Needs a comment saying what to correct. */
    RETURN,
    /** The applicant resubmits a returned case; it goes back to the step that returned it. */
    RESUBMIT;

    /** Parses {@code approve}, {@code reject}, {@code return} or {@code resubmit} (any case). */
    public static Action parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new WorkflowProblem(WorkflowProblem.Kind.INVALID, "action", "action '" + text
                    + "' is not known: use approve, reject (with a reason in comment), return (with what to correct in comment) "
                    + "or resubmit (the applicant, after a return)");
        }
    }
}
