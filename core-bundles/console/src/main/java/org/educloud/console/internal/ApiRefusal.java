package org.educloud.console.internal;

import java.util.List;

/**
 * A kernel API said no: its RFC 9457 problem, shown to the person as it is (the APIs' details
 * already say what is wrong and how to fix it), with an app package's problems one by one.
 */
final class ApiRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One problem of a refused app package: where it is, what is wrong, how to fix it. */
    record PackageProblem(String where, String what, String fix) {
    }

    private final int status;
    private final transient List<PackageProblem> problems;

    ApiRefusal(int status, String detail, List<PackageProblem> problems) {
        super(detail);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    int status() {
        return status;
    }

    List<PackageProblem> problems() {
        return problems;
    }
}
