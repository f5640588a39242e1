package org.educloud.platform.rest;

import javax.ws.rs.WebApplicationException;

/**
 * Throw from a resource to answer with a problem: {@code throw new ProblemException(Problem.invalidInput("limit",
 * "limit must be 1–500"))}. The {@link ProblemMapper} adds the request path as {@code instance}.
 */
public class ProblemException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), problem.toResponse());
        this.problem = problem;
    }

    /** What went wrong. */
    public Problem problem() {
        return problem;
    }
}
