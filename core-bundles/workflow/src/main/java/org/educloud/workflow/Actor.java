package org.educloud.workflow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.educloud.identity.Caller;
import org.educloud.identity.RoleGrant;

/**
 * Who acts on a case or reads an inbox: a person with the roles they hold, and where the request
 * came from (for the history).
 *
 * @param name    the username (or {@code system:escalation} for the kernel itself)
 * @param grants  the roles held, each at an org
 * @param address the client address, when known
 */
public record Actor(String name, List<RoleGrant> grants, Optional<String> address) {

    public Actor {
        Objects.requireNonNull(name, "name");
        grants = List.copyOf(grants);
        Objects.requireNonNull(address, "address");
    }

    /**
     * The person behind a REST call.
     *
     * @throws WorkflowProblem when the caller is a client acting for itself: cases and inboxes are people's
     */
    public static Actor of(Caller caller, String address) {
        String username = caller.username().orElseThrow(() -> new WorkflowProblem(WorkflowProblem.Kind.FORBIDDEN, null,
                "the client " + caller.clientId() + " acts for itself (client credentials): approvals, to-dos and messages "
                + "belong to people; call with a user's access token (authorization code flow)"));
        return new Actor(username, caller.grants(), Optional.ofNullable(address));
    }

    /** True when one of the roles is {@code grant}'s role held at its org or an org above it. */
    public boolean holds(RoleGrant grant) {
        return grants.stream().anyMatch(held -> held.role().equals(grant.role()) && held.org().covers(grant.org()));
    }
}
