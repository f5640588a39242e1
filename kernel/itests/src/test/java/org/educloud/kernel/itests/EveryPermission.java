package org.educloud.kernel.itests;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;

/** The test itself, acting on the kernel's services with every permission everywhere (to seed data). */
final class EveryPermission implements Caller {

    static final Caller CALLER = new EveryPermission();

    private EveryPermission() {
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
        return List.of(RoleGrant.parse("operator@/"));
    }

    @Override
    public boolean isPermitted(String permission, OrgPath org) {
        return true;
    }

    @Override
    public List<OrgPath> scopeOf(String permission) {
        return List.of(OrgPath.ROOT);
    }
}
