package org.educloud.workflow.internal;

import java.util.List;
import java.util.Optional;

import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.workflow.Escalation;

/**
 * Where an overdue step goes. "Up one org" means the officer of the parent org: the role changes
 * with the level, because a school's step escalated to its district is for the district's
 * bureau, not for school administrators held at the district.
 */
final class EscalationTarget {

    /** The officer role of each level of the tree (index = number of path segments). */
    private static final List<String> OFFICERS = List.of("platform-admin", "province-officer", "city-officer", "district-officer",
            "school-admin");

    private EscalationTarget() {
    }

    /**
     * The role and org the step goes to, or empty when it cannot go anywhere (the top of the tree,
     * no escalation, or already with the named role).
     *
     * @param current      who the step is for now
     * @param escalation   the step's rule
     * @param namedRoleOrg the named role resolved for the case, for {@link Escalation.Kind#TO_ROLE}
     */
    static Optional<RoleGrant> next(RoleGrant current, Escalation escalation, Optional<RoleGrant> namedRoleOrg) {
        return switch (escalation.kind()) {
            case NONE -> Optional.empty();
            case TO_ROLE -> namedRoleOrg.filter(named -> !named.equals(current));
            case UP_ONE_ORG -> parent(current.org()).map(parent -> new RoleGrant(officerOf(parent), parent));
        };
    }

    /** The officer role at an org of this depth. */
    static String officerOf(OrgPath org) {
        int depth = org.segments().size();
        return depth < OFFICERS.size() ? OFFICERS.get(depth) : "school-admin";
    }

    private static Optional<OrgPath> parent(OrgPath org) {
        List<String> segments = org.segments();
        // The province is the top a step escalates to: above it is the platform itself, not an approver.
        if (segments.size() <= 1) {
            return Optional.empty();
        }
        return Optional.of(OrgPath.of("/" + String.join("/", segments.subList(0, segments.size() - 1))));
    }
}
