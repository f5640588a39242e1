package org.educloud.identity;

/**
 * A request about accounts or clients that cannot be done as asked: the message says what is wrong and
 * how to fix it, {@link #field()} names the input at fault (or is empty), and {@link #kind()} says
 * whether it is bad input, a missing account (or client) or a conflict.
 */
public class AccountProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The sort of problem, as REST maps it to a status. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String field;

    public AccountProblem(Kind kind, String field, String message) {
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
