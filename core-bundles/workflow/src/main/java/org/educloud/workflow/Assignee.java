package org.educloud.workflow;

import java.util.Objects;

import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;

/**
 * Who a step (or starting a case) is for: holders of {@code role} at the {@code org} relative to
 * the case, or at an org above it (a grant covers its subtree).
 *
 * @param role a role name as in {@link RoleGrant}, e.g. {@code school-admin}, {@code district-officer}
 * @param org  where, relative to the case
 */
public record Assignee(String role, RelativeOrg org) {

    public Assignee {
        new RoleGrant(role, OrgPath.ROOT); // checks the role's spelling
        Objects.requireNonNull(org, "org");
    }

    @Override
    public String toString() {
        return role + " at the " + org.label();
    }
}
