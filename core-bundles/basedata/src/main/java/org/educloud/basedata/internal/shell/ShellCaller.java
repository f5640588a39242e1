package org.educloud.basedata.internal.shell;

import java.security.AccessController;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.Subject;

import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;

/**
 * The operator at the Karaf shell, as a {@link Caller}: the shell's own login (over SSH, the
 * operator's) already decides who may run commands, and an operator acts for the whole region.
 */
final class ShellCaller implements Caller {

    private final String name;

    private ShellCaller(String name) {
        this.name = name;
    }

    /** The operator running the current command. */
    @SuppressWarnings("removal") // Karaf runs each command inside Subject.doAs; this is how to read it on Java 17
    static ShellCaller current() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (Principal principal : subject.getPrincipals()) {
                if (principal.getClass().getSimpleName().equals("UserPrincipal")) {
                    return new ShellCaller("shell:" + principal.getName());
                }
            }
        }
        return new ShellCaller("shell:console");
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
        return "karaf-shell";
    }

    @Override
    public Set<String> scopes() {
        return Set.of();
    }

    @Override
    public List<RoleGrant> grants() {
        return List.of(new RoleGrant("operator", OrgPath.ROOT));
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
