package org.educloud.identity.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.educloud.identity.Account;
import org.educloud.identity.AccountProblem;
import org.educloud.identity.NewAccount;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RequiresScope;
import org.educloud.identity.RoleGrant;
import org.educloud.platform.rest.Problem;
import org.educloud.platform.rest.ProblemException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * The accounts admin API, {@code /api/identity/v1/accounts}: list (cursor paging), get, create,
 * lock, unlock, reset a password, grant and revoke roles. Every call needs the scope
 * {@value #SCOPE}; every action is allowed per org: an administrator may act on an account only
 * when their roles grant the permission at every org the account holds a role at (an account with
 * no role belongs to the whole region), and may grant a role only where they hold every permission
 * that role gives. Every change is audited with the caller and their address.
 */
@Component(service = AccountsResource.class)
@JaxrsResource
// Never served without JSON and the bearer-token filter (if the filter is gone, so is this API).
@JaxrsExtensionSelect({"(osgi.jaxrs.media.type=application/json)", "(osgi.jaxrs.name=" + BearerTokenFilter.NAME + ")"})
@Path("/api/identity/v1/accounts")
@RequiresScope(AccountsResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
public class AccountsResource {

    static final String SCOPE = "identity.accounts";
    static final String READ = "identity:accounts:read";
    static final String CREATE = "identity:accounts:create";
    static final String LOCK = "identity:accounts:lock";
    static final String UNLOCK = "identity:accounts:unlock";
    static final String RESET_PASSWORD = "identity:accounts:reset-password";
    static final String GRANT = "identity:accounts:grant";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final JdbcAccountDirectory accounts;
    private final AccessControl access;

    @Activate
    public AccountsResource(@Reference(name = "accounts") JdbcAccountDirectory accounts, @Reference(name = "access") AccessControl access) {
        this.accounts = accounts;
        this.access = access;
    }

    /** An account as the API shows it; no password hash ever leaves the server. */
    public record AccountView(long id, String username, String displayName, String registryNumber, String staffNumber,
            String personId, boolean locked, boolean mustChangePassword, String blockedUntil, List<String> grants) {

        static AccountView of(Account account) {
            return new AccountView(account.id(), account.username(), account.displayName(), account.registryNumber().orElse(null),
                    account.staffNumber().orElse(null), account.personId().orElse(null), account.locked(),
                    account.mustChangePassword(), account.blockedUntil().map(Object::toString).orElse(null),
                    account.grants().stream().map(RoleGrant::toString).toList());
        }
    }

    /**
     * One page of accounts.
     *
     * @param items  the accounts, in username order
     * @param cursor pass as {@code after} for the next page; {@code null} on the last page
     * @param next   the next page's path and query; {@code null} on the last page
     */
    public record AccountPage(List<AccountView> items, String cursor, String next) {
    }

    /** What {@code POST} takes: {@code grants} as {@code role@/org/path}. */
    public record NewAccountRequest(String username, String displayName, String initialPassword, String registryNumber,
            String staffNumber, String personId, List<String> grants) {
    }

    /** What {@code reset-password} takes. */
    public record PasswordRequest(String temporaryPassword) {
    }

    /** What {@code POST grants} takes: {@code role@/org/path}. */
    public record GrantRequest(String grant) {
    }

    @GET
    public Response list(@QueryParam("after") String after, @QueryParam("limit") String limit, @QueryParam("prefix") String prefix,
            @Context SecurityContext security, @Context UriInfo uri) {
        TokenCaller caller = caller(security);
        int size = limit(limit);
        List<OrgPath> scope = caller.scopeOf(READ);
        if (scope.isEmpty()) {
            throw forbidden(caller, "list accounts", READ, List.of(OrgPath.ROOT));
        }
        List<Account> found = accounts.listWithin(scope, prefix, after, size + 1);
        List<AccountView> items = found.stream().limit(size).map(AccountView::of).toList();
        String cursor = found.size() > size ? items.get(items.size() - 1).username() : null;
        URI next = cursor == null ? null : uri.getRequestUriBuilder().replaceQueryParam("after", cursor)
                .replaceQueryParam("limit", size).build();
        Response.ResponseBuilder response = Response.ok(new AccountPage(items, cursor,
                next == null ? null : next.getRawPath() + "?" + next.getRawQuery()));
        if (next != null) {
            response.link(next, "next");
        }
        return response.build();
    }

    @GET
    @Path("{username}")
    public AccountView get(@PathParam("username") String username, @Context SecurityContext security) {
        TokenCaller caller = caller(security);
        Account account = existing(username);
        require(caller, READ, "read the account " + account.username(), account.grants());
        return AccountView.of(account);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewAccountRequest body, @Context SecurityContext security, @Context UriInfo uri) {
        TokenCaller caller = caller(security);
        if (body == null) {
            throw new ProblemException(Problem.invalidInput(null, "Send the new account as a JSON body: "
                    + "{\"username\", \"displayName\", \"initialPassword\", \"grants\": [\"role@/org/path\"], optional "
                    + "\"registryNumber\", \"staffNumber\", \"personId\"}."));
        }
        List<RoleGrant> grants = new ArrayList<>();
        List<String> asked = body.grants() == null ? List.of() : body.grants();
        for (int i = 0; i < asked.size(); i++) {
            grants.add(grant(asked.get(i), "grants[" + i + "]"));
        }
        require(caller, CREATE, "create an account with the roles " + grants, grants);
        for (int i = 0; i < grants.size(); i++) {
            requireRoleWithinOwn(caller, grants.get(i), "grants[" + i + "]");
        }
        Account created = accounts.create(new NewAccount(body.username(), body.displayName(), body.initialPassword(),
                optional(body.registryNumber()), optional(body.staffNumber()), optional(body.personId()), grants),
                actor(caller), caller.address());
        return Response.created(uri.getAbsolutePathBuilder().path(created.username()).build()).entity(AccountView.of(created)).build();
    }

    @POST
    @Path("{username}/lock")
    public AccountView lock(@PathParam("username") String username, @Context SecurityContext security) {
        TokenCaller caller = caller(security);
        Account account = existing(username);
        require(caller, LOCK, "lock the account " + account.username(), account.grants());
        accounts.lock(account.username(), actor(caller), caller.address());
        return AccountView.of(existing(account.username()));
    }

    @POST
    @Path("{username}/unlock")
    public AccountView unlock(@PathParam("username") String username, @Context SecurityContext security) {
        TokenCaller caller = caller(security);
        Account account = existing(username);
        require(caller, UNLOCK, "unlock the account " + account.username(), account.grants());
        accounts.unlock(account.username(), actor(caller), caller.address());
        return AccountView.of(existing(account.username()));
    }

    @POST
    @Path("{username}/reset-password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resetPassword(@PathParam("username") String username, PasswordRequest body, @Context SecurityContext security) {
        TokenCaller caller = caller(security);
        Account account = existing(username);
        require(caller, RESET_PASSWORD, "reset the password of " + account.username(), account.grants());
        if (body == null || body.temporaryPassword() == null) {
            throw new ProblemException(Problem.invalidInput("temporaryPassword", "Send {\"temporaryPassword\": \"…\"}: "
                    + "at least 12 characters; the account must change it at the next login."));
        }
        accounts.resetPassword(account.username(), body.temporaryPassword(), actor(caller), caller.address());
        return Response.noContent().build();
    }

    @POST
    @Path("{username}/grants")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccountView grant(@PathParam("username") String username, GrantRequest body, @Context SecurityContext security) {
        TokenCaller caller = caller(security);
        RoleGrant grant = grant(body == null ? null : body.grant(), "grant");
        Account account = existing(username);
        require(caller, GRANT, "grant " + grant, List.of(grant));
        requireRoleWithinOwn(caller, grant, "grant");
        accounts.grant(account.username(), grant, actor(caller), caller.address());
        return AccountView.of(existing(account.username()));
    }

    @DELETE
    @Path("{username}/grants")
    public AccountView revoke(@PathParam("username") String username, @QueryParam("grant") String text,
            @Context SecurityContext security) {
        TokenCaller caller = caller(security);
        RoleGrant grant = grant(text, "grant");
        Account account = existing(username);
        require(caller, GRANT, "revoke " + grant, List.of(grant));
        accounts.revoke(account.username(), grant, actor(caller), caller.address());
        return AccountView.of(existing(account.username()));
    }

    /** The filter put the caller there; without it (no filter) nothing here may run. */
    static TokenCaller caller(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof TokenCaller caller) {
            return caller;
        }
        throw new ProblemException(Problem.of(401, "token-required", "Access token required",
                "This API needs an access token: send Authorization: Bearer <token>."));
    }

    private Account existing(String username) {
        return accounts.find(username).orElseThrow(() -> new AccountProblem(AccountProblem.Kind.NOT_FOUND, "username",
                "no account " + username + ": check the username (list accounts with GET /api/identity/v1/accounts)"));
    }

    /** The caller must hold {@code permission} at every org of {@code grants} (the whole region when there are none). */
    private static void require(TokenCaller caller, String permission, String action, List<RoleGrant> grants) {
        List<OrgPath> orgs = grants.isEmpty() ? List.of(OrgPath.ROOT) : grants.stream().map(RoleGrant::org).distinct().toList();
        List<OrgPath> outside = orgs.stream().filter(org -> !caller.isPermitted(permission, org)).toList();
        if (!outside.isEmpty()) {
            throw forbidden(caller, action, permission, outside);
        }
    }

    /** No one grants more than they hold: every permission of the role must hold for the caller at the grant's org. */
    private void requireRoleWithinOwn(TokenCaller caller, RoleGrant grant, String field) {
        RolePermissions.Role role = access.roles().role(grant.role()).orElseThrow(() -> new ProblemException(Problem.invalidInput(field,
                "role " + grant.role() + " does not exist; known roles: "
                + String.join(", ", access.roles().roles().stream().map(RolePermissions.Role::name).toList()))));
        List<String> beyond = role.permissions().stream().filter(permission -> !caller.isPermitted(permission, grant.org())).toList();
        if (!beyond.isEmpty()) {
            throw new ProblemException(Problem.forbidden("You may not grant " + grant + ": the role gives " + String.join(", ", beyond)
                    + " at " + grant.org() + ", which your own roles do not. Ask an administrator of a higher org.").withField(field));
        }
    }

    private static ProblemException forbidden(TokenCaller caller, String action, String permission, List<OrgPath> orgs) {
        boolean region = orgs.equals(List.of(OrgPath.ROOT));
        return new ProblemException(Problem.forbidden("You (" + caller.actor() + ") may not " + action + ": that needs the "
                + "permission " + permission + " at " + (region ? "the whole region (/)" : String.join(", ", orgs.stream().map(OrgPath::value).toList()))
                + ", and your roles " + caller.grants() + " do not give it there."
                + (region ? " An account without roles can only be handled by a region-wide administrator." : "")
                + " Ask an administrator of that org."));
    }

    private static RoleGrant grant(String text, String field) {
        try {
            return RoleGrant.parse(text == null ? null : text.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalidInput(field, e.getMessage()));
        }
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(Problem.invalidInput("limit", "limit '" + text + "' is not valid: give a whole number from 1 to "
                + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")"));
    }

    private static Optional<String> optional(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    private static String actor(TokenCaller caller) {
        return "api:" + caller.actor() + " via " + caller.clientId();
    }
}
