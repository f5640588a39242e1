package org.educloud.platform.rest;

import javax.ws.rs.WebApplicationException;

/**
 * Throw from a resource to answer with a problem: {@code throw new ProblemException(Problem.invalidInput("limit",
 * "limit must be 1–500"))}. The exception's own response has the status but no body: JAX-RS hands
 * a {@code WebApplicationException} to the exception mappers only when its response has no entity,
 * and so the {@link ProblemMapper} (on the whiteboard for every application) writes the body, with
 * the request path as {@code instance}.
 */
public class ProblemException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), problem.status());
        this.problem = problem;
    }

    /** What went wrong. */
    public Problem problem() {
        return problem;
    }
}
