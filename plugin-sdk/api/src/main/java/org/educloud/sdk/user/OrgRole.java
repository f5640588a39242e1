package org.educloud.sdk.user;

import java.util.Objects;

/**
 * A role the current user holds at an org. Orgs are named by their path in the region's tree, the
 * ids from the top down: {@code /37/3701/370102/3701020001} is a school in a district of a city of
 * a province; {@code /} is the whole region. A role held at an org covers its whole subtree.
 *
 * @param role the role, e.g. {@code teacher}, {@code student}, {@code guardian}, {@code school-admin}
 * @param org  the org path where it is held
 */
public record OrgRole(String role, String org) {

    public OrgRole {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(org, "org");
    }

    /** True when this role's org is {@code orgPath} or one of its ancestors. */
    public boolean covers(String orgPath) {
        return orgPath != null && (org.equals("/") || orgPath.equals(org) || orgPath.startsWith(org + "/"));
    }

    /** The id of the org itself (the path's last segment); empty for the whole region. */
    public String orgId() {
        return org.substring(org.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return role + "@" + org;
    }
}
