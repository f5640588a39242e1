package org.educloud.workflow;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.educloud.identity.OrgPath;

/**
 * Who a message is for. A class is an org below its school in the org tree
 * ({@code /37/3701/370102/3701020001/2017-02}); a message to a class, a school or an org reaches
 * everyone holding a role there or anywhere below it.
 *
 * @param kind   user, class, school or org subtree
 * @param target the username, or the org path
 */
public record Audience(Kind kind, String target) {

    /** The four kinds of audience. */
    public enum Kind {
        /** One person, by username. */
        USER,
        /** Everyone in a class (an org below a school). */
        CLASS,
        /** Everyone at a school. */
        SCHOOL,
        /** Everyone in an org's subtree (a district, a city, the province). */
        ORG
    }

    /**
     * @throws WorkflowProblem when the target does not fit the kind
     */
    public Audience {
        Objects.requireNonNull(kind, "kind");
        if (target == null || target.isBlank()) {
            throw new WorkflowProblem(WorkflowProblem.Kind.INVALID, "to.target", "a message needs a target: a username for "
                    + "USER, an org path for CLASS, SCHOOL or ORG");
        }
        target = target.strip();
        if (kind != Kind.USER) {
            OrgPath org;
            try {
                org = OrgPath.of(target);
            } catch (IllegalArgumentException e) {
                throw new WorkflowProblem(WorkflowProblem.Kind.INVALID, "to.target", e.getMessage());
            }
            int depth = org.segments().size();
            if (kind == Kind.SCHOOL && depth != 4 || kind == Kind.CLASS && depth < 5) {
                throw new WorkflowProblem(WorkflowProblem.Kind.INVALID, "to.target", "'" + target + "' is not a "
                        + kind.name().toLowerCase(Locale.ROOT) + ": a school's path has 4 levels (province/city/district/school), "
                        + "a class's 5 or more (the school's path and the class id)");
            }
        }
    }

    /** Parses a kind name: {@code user}, {@code class}, {@code school} or {@code org} (any case). */
    public static Kind kind(String text) {
        try {
            return Kind.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new WorkflowProblem(WorkflowProblem.Kind.INVALID, "to.kind", "audience kind '" + text
                    + "' is not known: use user, class, school or org");
        }
    }

    /** One person. */
    public static Audience user(String username) {
        return new Audience(Kind.USER, username);
    }

    /** Everyone with a role in {@code org}'s subtree. */
    public static Audience subtree(OrgPath org) {
        return new Audience(Kind.ORG, org.value());
    }

    /** The org, for every kind but {@link Kind#USER}. */
    public Optional<OrgPath> org() {
        return kind == Kind.USER ? Optional.empty() : Optional.of(OrgPath.of(target));
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + target;
    }
}
