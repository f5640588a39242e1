package org.educloud.workflow;

/**
 * A request about cases, to-dos or messages that cannot be done as asked: the message says what is
 * wrong and how to fix it, {@link #field()} names the input at fault (or is empty), and
 * {@link #kind()} says how REST answers it.
 */
public class WorkflowProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The sort of problem: 400, 403, 404 or 409 over REST. */
    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String field;

    public WorkflowProblem(Kind kind, String field, String message) {
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
