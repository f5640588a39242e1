package org.educloud.basedata.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;

/** A caller holding permissions (wildcards as Shiro writes them, e.g. basedata:*:read) at org paths. */
record TestCaller(String name, List<Held> held) implements Caller {

    record Held(String permission, OrgPath org) {
    }

    /** A caller holding {@code permission} at each of {@code paths}. */
    static TestCaller holding(String name, String permission, String... paths) {
        List<Held> held = new ArrayList<>();
        for (String path : paths) {
            held.add(new Held(permission, OrgPath.of(path)));
        }
        return new TestCaller(name, held);
    }

    /** This caller also holding {@code permission} at {@code path}. */
    TestCaller and(String permission, String path) {
        List<Held> more = new ArrayList<>(held);
        more.add(new Held(permission, OrgPath.of(path)));
        return new TestCaller(name, more);
    }

    @Override
    public String subject() {
        return name;
    }

    @Override
    public Optional<String> username() {
        return Optional.of(name);
    }

    @Override
    public String clientId() {
        return "test";
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
        return held.stream().anyMatch(h -> implies(h.permission(), permission) && h.org().covers(org));
    }

    @Override
    public List<OrgPath> scopeOf(String permission) {
        return held.stream().filter(h -> implies(h.permission(), permission)).map(Held::org).distinct().toList();
    }

    private static boolean implies(String held, String wanted) {
        String[] h = held.split(":");
        String[] w = wanted.split(":");
        for (int i = 0; i < w.length; i++) {
            if (i >= h.length) {
                return true;
            }
            if (!h[i].equals("*") && !h[i].equals(w[i])) {
                return false;
            }
        }
        return true;
    }
}
