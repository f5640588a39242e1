package org.educloud.basedata;

/**
 * A request about basic data that cannot be done as asked: the message says what is wrong and
 * how to fix it, {@link #field()} names the input at fault (or is empty), {@link #kind()} says
 * what sort of problem it is, as REST maps it to a status.
 */
public class BasedataProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The sort of problem, with the HTTP status it answers to. */
    public enum Kind {
        INVALID(400), UNAUTHENTICATED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), VERSION_MISMATCH(412),
        VERSION_REQUIRED(428), UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        /** The HTTP status. */
        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String field;

    public BasedataProblem(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field == null ? "" : field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
