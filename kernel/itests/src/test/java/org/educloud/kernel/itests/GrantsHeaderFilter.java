package org.educloud.kernel.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;

import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;

/**
 * Stands in for the kernel's bearer-token filter while that is being written: a request with the
 * header {@code X-Itest-Grants: permission@/org/path;...} gets a {@link Caller} holding those
 * permissions, set as the filter will set it. Registered only by tests, inside the test container.
 */
final class GrantsHeaderFilter implements ContainerRequestFilter {

    static final String HEADER = "X-Itest-Grants";

    @Override
    public void filter(ContainerRequestContext request) {
        String grants = request.getHeaderString(HEADER);
        if (grants != null) {
            request.setProperty(Caller.ATTRIBUTE, new HeaderCaller(grants));
        }
    }

    /** Permissions (Shiro-style wildcards) held at org paths. */
    private static final class HeaderCaller implements Caller {

        private final List<String[]> held = new ArrayList<>();

        HeaderCaller(String grants) {
            for (String grant : grants.split(";")) {
                int at = grant.indexOf('@');
                held.add(new String[] {grant.substring(0, at).strip(), grant.substring(at + 1).strip()});
            }
        }

        @Override
        public String subject() {
            return "itest";
        }

        @Override
        public Optional<String> username() {
            return Optional.of("itest");
        }

        @Override
        public String clientId() {
            return "itest";
        }

        @Override
        public Set<String> scopes() {
            return Set.of();
        }

        @Override
        public List<RoleGrant> grants() {
            return List.of();
        }

        @Override
        public boolean isPermitted(String permission, OrgPath org) {
            return held.stream().anyMatch(h -> implies(h[0], permission) && OrgPath.of(h[1]).covers(org));
        }

        @Override
        public List<OrgPath> scopeOf(String permission) {
            return held.stream().filter(h -> implies(h[0], permission)).map(h -> OrgPath.of(h[1])).distinct().toList();
        }

        private static boolean implies(String held, String wanted) {
            String[] h = held.split(":");
            String[] w = wanted.split(":");
            for (int i = 0; i < w.length && i < h.length; i++) {
                if (!h[i].equals("*") && !h[i].equals(w[i])) {
                    return false;
                }
            }
            return h.length <= w.length || h[w.length].equals("*");
        }
    }
}
