package org.educloud.identity.internal;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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

import org.educloud.identity.AccountProblem;
import org.educloud.identity.Client;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory.Registration;
import org.educloud.identity.NewClient;
import org.educloud.identity.OrgPath;
import org.educloud.identity.PortalEntry;
import org.educloud.identity.RequiresScope;
import org.educloud.platform.rest.Problem;
import org.educloud.platform.rest.ProblemException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * The clients admin API, {@code /api/identity/v1/clients}: list, get, register (the secret is in
 * the answer once), lock, unlock, rotate the secret, remove. Every call needs the scope
 * {@value #SCOPE}; the caller needs the permission at the client's owner org (the whole region for
 * a client without one). Every change is audited with the caller.
 */
@Component(service = ClientsResource.class)
@JaxrsResource
@JaxrsExtensionSelect({"(osgi.jaxrs.media.type=application/json)", "(osgi.jaxrs.name=" + BearerTokenFilter.NAME + ")"})
@Path("/api/identity/v1/clients")
@RequiresScope(ClientsResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
public class ClientsResource {

    static final String SCOPE = "identity.clients";
    static final String READ = "identity:clients:read";
    static final String WRITE = "identity:clients:write";

    private final JdbcClientDirectory clients;

    @Activate
    public ClientsResource(@Reference(name = "clients") JdbcClientDirectory clients) {
        this.clients = clients;
    }

    /** A client as the API shows it; its secret never, except once in {@link Registered}. */
    public record ClientView(String clientId, String nameZh, String nameEn, String authMethod, List<String> redirectUris,
            List<String> postLogoutRedirectUris, Set<String> grantTypes, Set<String> scopes, boolean firstParty, String ownerOrg,
            boolean locked, String idTokenSigningAlg, PortalEntryView portalEntry) {

        static ClientView of(Client client) {
            return new ClientView(client.clientId(), client.nameZh(), client.nameEn(), client.authMethod().value(),
                    client.redirectUris().stream().map(URI::toString).toList(),
                    client.postLogoutRedirectUris().stream().map(URI::toString).toList(), client.grantTypes(), client.scopes(),
                    client.firstParty(), client.ownerOrg().map(OrgPath::value).orElse(null), client.locked(),
                    client.idTokenSigningAlg(), client.portalEntry().map(PortalEntryView::of).orElse(null));
        }
    }

    /** A client's portal tile: where it launches and who sees it (empty lists: every role, the whole region). */
    public record PortalEntryView(String launchUrl, List<String> roles, List<String> orgs) {

        static PortalEntryView of(PortalEntry entry) {
            return new PortalEntryView(entry.launchUrl().toString(), entry.roles().stream().sorted().toList(),
                    entry.orgs().stream().map(OrgPath::value).toList());
        }
    }

    /** The answer to a registration or a secret rotation: the secret, shown this once. */
    public record Registered(ClientView client, String clientSecret) {
    }

    /** One page of clients; {@code cursor} goes in {@code after} for the next page, null on the last. */
    public record ClientPage(List<ClientView> items, String cursor) {
    }

    /** What {@code POST} takes; see {@link Client} for the fields. */
    public record NewClientRequest(String clientId, String nameZh, String nameEn, String authMethod, List<String> redirectUris,
            List<String> postLogoutRedirectUris, List<String> grantTypes, List<String> scopes, Boolean firstParty,
            String ownerOrg, String jwks, String idTokenSigningAlg, PortalEntryView portalEntry) {
    }

    @GET
    public ClientPage list(@QueryParam("after") String after, @QueryParam("limit") Integer limit, @Context SecurityContext security) {
        TokenCaller caller = AccountsResource.caller(security);
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw new ProblemException(Problem.invalidInput("limit", "limit must be a whole number from 1 to 500 (default 50)"));
        }
        List<OrgPath> scope = caller.scopeOf(READ);
        if (scope.isEmpty()) {
            throw forbidden(caller, "list clients", READ, OrgPath.ROOT);
        }
        List<Client> found = clients.listWithin(scope, after, size + 1);
        List<ClientView> items = found.stream().limit(size).map(ClientView::of).toList();
        return new ClientPage(items, found.size() > size ? items.get(items.size() - 1).clientId() : null);
    }

    @GET
    @Path("{clientId}")
    public ClientView get(@PathParam("clientId") String clientId, @Context SecurityContext security) {
        Client client = existing(clientId);
        require(AccountsResource.caller(security), READ, "read the client " + clientId, client);
        return ClientView.of(client);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(NewClientRequest body, @Context SecurityContext security, @Context UriInfo uri) {
        TokenCaller caller = AccountsResource.caller(security);
        if (body == null) {
            throw new ProblemException(Problem.invalidInput(null, "Send the client as a JSON body: {\"clientId\", \"nameZh\", "
                    + "\"nameEn\", \"authMethod\", \"redirectUris\": [], \"grantTypes\": [], \"scopes\": [], optional "
                    + "\"postLogoutRedirectUris\", \"firstParty\", \"ownerOrg\", \"jwks\", \"idTokenSigningAlg\"}."));
        }
        NewClient client = newClient(body);
        OrgPath owner = client.ownerOrg().orElse(OrgPath.ROOT);
        if (!caller.isPermitted(WRITE, owner)) {
            throw forbidden(caller, "register a client for " + owner, WRITE, owner);
        }
        if (client.firstParty() && !caller.isPermitted(WRITE, OrgPath.ROOT)) {
            throw new ProblemException(Problem.forbidden("Only a region-wide administrator may register a first-party client "
                    + "(its users are never asked for consent); leave firstParty false.").withField("firstParty"));
        }
        Registration registration = clients.register(client, actor(caller));
        return Response.created(uri.getAbsolutePathBuilder().path(client.clientId()).build())
                .entity(new Registered(ClientView.of(registration.client()), registration.secret().orElse(null))).build();
    }

    @POST
    @Path("{clientId}/lock")
    public ClientView lock(@PathParam("clientId") String clientId, @Context SecurityContext security) {
        TokenCaller caller = writable(clientId, security, "lock");
        clients.lock(clientId, actor(caller));
        return ClientView.of(existing(clientId));
    }

    @POST
    @Path("{clientId}/unlock")
    public ClientView unlock(@PathParam("clientId") String clientId, @Context SecurityContext security) {
        TokenCaller caller = writable(clientId, security, "unlock");
        clients.unlock(clientId, actor(caller));
        return ClientView.of(existing(clientId));
    }

    @POST
    @Path("{clientId}/rotate-secret")
    public Registered rotateSecret(@PathParam("clientId") String clientId, @Context SecurityContext security) {
        TokenCaller caller = writable(clientId, security, "rotate the secret of");
        String secret = clients.rotateSecret(clientId, actor(caller));
        return new Registered(ClientView.of(existing(clientId)), secret);
    }

    @DELETE
    @Path("{clientId}")
    public Response remove(@PathParam("clientId") String clientId, @Context SecurityContext security) {
        TokenCaller caller = writable(clientId, security, "remove");
        clients.remove(clientId, actor(caller));
        return Response.noContent().build();
    }

    private TokenCaller writable(String clientId, SecurityContext security, String action) {
        TokenCaller caller = AccountsResource.caller(security);
        require(caller, WRITE, action + " the client " + clientId, existing(clientId));
        return caller;
    }

    private Client existing(String clientId) {
        return clients.find(clientId).orElseThrow(() -> new AccountProblem(AccountProblem.Kind.NOT_FOUND, "clientId",
                "no client " + clientId + ": check the id (list clients with GET /api/identity/v1/clients)"));
    }

    private static void require(TokenCaller caller, String permission, String action, Client client) {
        OrgPath owner = client.ownerOrg().orElse(OrgPath.ROOT);
        if (!caller.isPermitted(permission, owner)) {
            throw forbidden(caller, action, permission, owner);
        }
    }

    private static ProblemException forbidden(TokenCaller caller, String action, String permission, OrgPath org) {
        return new ProblemException(Problem.forbidden("You (" + caller.actor() + ") may not " + action + ": that needs the "
                + "permission " + permission + " at " + org + ", and your roles " + caller.grants() + " do not give it there."));
    }

    private static NewClient newClient(NewClientRequest body) {
        try {
            return new NewClient(body.clientId(), body.nameZh(), body.nameEn(),
                    ClientAuthMethod.of(body.authMethod() == null ? "client_secret_basic" : body.authMethod()),
                    uris(body.redirectUris(), "redirectUris"), uris(body.postLogoutRedirectUris(), "postLogoutRedirectUris"),
                    new LinkedHashSet<>(body.grantTypes() == null ? List.of() : body.grantTypes()),
                    new LinkedHashSet<>(body.scopes() == null ? List.of() : body.scopes()), Boolean.TRUE.equals(body.firstParty()),
                    Optional.ofNullable(body.ownerOrg()).filter(o -> !o.isBlank()).map(OrgPath::of), Optional.ofNullable(body.jwks()),
                    body.idTokenSigningAlg() == null ? "RS256" : body.idTokenSigningAlg(),
                    Optional.ofNullable(body.portalEntry()).map(entry -> new PortalEntry(
                            URI.create(Objects.requireNonNullElse(entry.launchUrl(), "")),
                            new LinkedHashSet<>(entry.roles() == null ? List.of() : entry.roles()),
                            (entry.orgs() == null ? List.<String>of() : entry.orgs()).stream().map(OrgPath::of).toList())));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalidInput(e.getMessage().startsWith("org path") ? "ownerOrg"
                    : body.portalEntry() != null && e.getMessage().contains("URI") ? "portalEntry.launchUrl" : "authMethod", e.getMessage()));
        }
    }

    private static List<URI> uris(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        try {
            return values.stream().map(URI::create).toList();
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalidInput(field, "not a URI: " + e.getMessage()));
        }
    }

    private static String actor(TokenCaller caller) {
        return "api:" + caller.actor() + " via " + caller.clientId();
    }
}
