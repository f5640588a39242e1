package org.educloud.appcenter.packages;

import java.util.List;

/** An app package failed its checks; nothing was stored or installed. */
public class PackageRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<PackageProblem> problems;

    public PackageRefusedException(List<PackageProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Everything found wrong. */
    public List<PackageProblem> problems() {
        return problems;
    }

    private static String message(List<PackageProblem> problems) {
        StringBuilder text = new StringBuilder("The app package was refused (" + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "):");
        for (PackageProblem problem : problems) {
            text.append("\n- ").append(problem);
        }
        return text.toString();
    }
}
