package org.educloud.workflow;

import java.util.Optional;

/**
 * What happens when a step's time limit runs out: the step moves to the officer of the next org
 * up ({@link #upOneOrg()}: a school's step goes to its district's {@code district-officer}, a
 * district's to its city's {@code city-officer}, a city's to the province's), to a named role
 * ({@link #to(Assignee)}), or nowhere ({@link #none()}: it stays pending and overdue).
 *
 * @param kind which of the three
 * @param to   the named role, for {@link Kind#TO_ROLE}
 */
public record Escalation(Kind kind, Optional<Assignee> to) {

    /** The three ways. */
    public enum Kind { UP_ONE_ORG, TO_ROLE, NONE }

    public Escalation {
        if ((kind == Kind.TO_ROLE) != to.isPresent()) {
            throw new IllegalArgumentException("an escalation to a role names that role, and only then");
        }
    }

    /** To the officer of the next org up. */
    public static Escalation upOneOrg() {
        return new Escalation(Kind.UP_ONE_ORG, Optional.empty());
    }

    /** To this role at this org. */
    public static Escalation to(Assignee assignee) {
        return new Escalation(Kind.TO_ROLE, Optional.of(assignee));
    }

    /** Not at all: the step stays where it is, overdue. */
    public static Escalation none() {
        return new Escalation(Kind.NONE, Optional.empty());
    }
}
