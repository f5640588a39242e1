package org.educloud.workflow;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One approval step of a workflow.
 *
 * @param id         stable id within the definition, e.g. {@code transfer-out-school}
 * @param nameZh     the step as Chinese users read it, e.g. 转出学校审核
 * @param nameEn     in English
 * @param assignee   who acts on it
 * @param timeLimit  how long the step may stay pending before it escalates
 * @param escalation where it goes when the time runs out
 */
public record StepDefinition(String id, String nameZh, String nameEn, Assignee assignee, Duration timeLimit, Escalation escalation) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");

    public StepDefinition {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("step id '" + id + "' is not valid: lower-case letters, digits and -");
        }
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(assignee, "assignee");
        Objects.requireNonNull(escalation, "escalation");
        if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("step " + id + " needs a positive time limit, e.g. Duration.ofDays(3)");
        }
    }
}
