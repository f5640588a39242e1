package org.educloud.workflow;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A kind of case and the steps it goes through, in order. When a step would go to the same role
 * at the same org as the step just approved (a transfer between two schools of one district: the
 * district bureau is both the transfer-out and the transfer-in bureau), it is skipped: the same
 * people do not approve twice.
 *
 * @param id          stable id, e.g. {@code student-transfer}
 * @param nameZh      as Chinese users read it, e.g. 省内转学
 * @param nameEn      in English
 * @param applicantOrg where an applicant acts from: starting a case needs the permission
 *                    {@code workflow:approvals:submit} there (the student may also apply for themselves)
 * @param steps       the steps, at least one
 */
public record WorkflowDefinition(String id, String nameZh, String nameEn, RelativeOrg applicantOrg, List<StepDefinition> steps) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");

    public WorkflowDefinition {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("workflow id '" + id + "' is not valid: lower-case letters, digits and -");
        }
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(applicantOrg, "applicantOrg");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("workflow " + id + " needs at least one step");
        }
        Set<String> seen = new HashSet<>();
        for (StepDefinition step : steps) {
            if (!seen.add(step.id())) {
                throw new IllegalArgumentException("workflow " + id + " has two steps with the id " + step.id());
            }
        }
    }

    /** True when some step (or the applicant) is on the destination side, so a case needs a destination school. */
    public boolean needsDestination() {
        return applicantOrg.onDestinationSide() || steps.stream().anyMatch(step -> step.assignee().org().onDestinationSide());
    }

    /** The step at {@code index}. */
    public StepDefinition step(int index) {
        return steps.get(index);
    }
}
