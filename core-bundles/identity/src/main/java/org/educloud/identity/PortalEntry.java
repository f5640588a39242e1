package org.educloud.identity;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An external web app's tile on the portal: a client registered with where the portal launches it
 * and who sees it. Launching opens {@code launchUrl}; the app then sends the browser to the
 * kernel's authorization endpoint, where the portal's login left an SSO session, so it gets a
 * code without a second login.
 *
 * @param launchUrl where the tile goes (an absolute https URL; http only on this machine)
 * @param roles     the roles that see the tile; empty for every role
 * @param orgs      the orgs whose people see it (a role held at one of them or below); empty for the whole region
 */
public record PortalEntry(URI launchUrl, Set<String> roles, List<OrgPath> orgs) {

    public PortalEntry {
        Objects.requireNonNull(launchUrl, "launchUrl");
        roles = Set.copyOf(roles);
        orgs = orgs.stream().distinct().toList();
    }

    /** True when one of {@code grants} is one of the roles, held at one of the orgs or below it. */
    public boolean visibleTo(List<RoleGrant> grants) {
        return grants.stream().anyMatch(grant -> (roles.isEmpty() || roles.contains(grant.role()))
                && (orgs.isEmpty() || orgs.stream().anyMatch(org -> org.covers(grant.org()))));
    }
}
