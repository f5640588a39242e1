package org.educloud.basedata.internal;

import org.educloud.basedata.BasedataProblem;

/**
 * What a bulk load did with one of its rows: created, updated, left as it was, staged (kept for
 * the rows of a later file, as roles.csv's roles are for users.csv), or refused (with the reason,
 * said as the REST API would say it). Refused rows are not written; the others of the batch are.
 *
 * @param effect  what happened
 * @param problem why the row was refused; null otherwise
 */
public record Loaded(Effect effect, BasedataProblem problem) {

    /** What happened to a row. */
    public enum Effect {
        CREATED, UPDATED, UNCHANGED, STAGED, REFUSED
    }

    static final Loaded CREATED = new Loaded(Effect.CREATED, null);
    static final Loaded UPDATED = new Loaded(Effect.UPDATED, null);
    static final Loaded UNCHANGED = new Loaded(Effect.UNCHANGED, null);
    public static final Loaded STAGED = new Loaded(Effect.STAGED, null);

    static Loaded refused(BasedataProblem problem) {
        return new Loaded(Effect.REFUSED, problem);
    }

    /** A row whose sourcedId exists where the caller cannot read: refused as the service refuses creating it again. */
    static Loaded taken(String what, String sourcedId) {
        return refused(new BasedataProblem(BasedataProblem.Kind.CONFLICT, "sourcedId", "sourcedId " + sourcedId
                + " is taken by another " + what));
    }
}
