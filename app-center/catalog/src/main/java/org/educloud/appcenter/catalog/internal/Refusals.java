package org.educloud.appcenter.catalog.internal;

import java.sql.SQLException;

import org.educloud.platform.rest.Problem;
import org.educloud.platform.rest.ProblemException;

/** The app center's refusals, as problems the REST API answers with and the shell prints. */
final class Refusals {

    private Refusals() {
    }

    static ProblemException notFound(String field, String detail) {
        return new ProblemException(Problem.notFound(field, detail));
    }

    static ProblemException conflict(String field, String detail) {
        return new ProblemException(Problem.conflict(field, detail));
    }

    static ProblemException invalid(String field, String detail) {
        return new ProblemException(Problem.invalidInput(field, detail));
    }

    static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.forbidden(detail));
    }

    /** The tables could not be read or written: a server problem, said so that the operator knows where to look. */
    static IllegalStateException database(SQLException e) {
        return new IllegalStateException("the app center's catalog tables cannot be used: " + e.getMessage(), e);
    }
}
