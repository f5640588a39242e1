package org.educloud.console.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import org.educloud.identity.RoleGrant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /console/users}: accounts and their roles through identity's accounts API
 * ({@code /api/identity/v1/accounts}), as the signed-in administrator: the API lists only accounts
 * wholly inside their org subtree, and refuses a change (with its reason, shown here) outside it or
 * a grant of more than they hold.
 */
@Component(service = UsersPage.class)
@JaxrsResource
@Path("console/users")
public class UsersPage {

    static final String ACCOUNTS = "/api/identity/v1/accounts";
    private static final String GRANT = "identity:accounts:grant";

    private final ConsoleGate gate;

    @Activate
    public UsersPage(@Reference(name = "gate") ConsoleGate gate) {
        this.gate = gate;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list(@QueryParam("q") String q, @QueryParam("after") String after, @QueryParam("done") String done,
            @QueryParam("lang") String lang, @Context HttpServletRequest request, @Context HttpHeaders headers) {
        return gate.serve(request, headers, lang, Section.USERS, visitor -> listPage(visitor, q, after, gate.doneText(visitor, done), null,
                Map.of()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create(MultivaluedMap<String, String> form, @Context HttpServletRequest request, @Context HttpHeaders headers) {
        return gate.serve(request, headers, null, Section.USERS, visitor -> {
            Map<String, String> entered = new HashMap<>();
            for (String field : List.of("username", "displayName", "role", "org")) {
                entered.put(field, value(form, field));
            }
            if (ConsoleGate.forged(visitor, form.getFirst("csrf"))) {
                return listPage(visitor, null, null, null, ConsoleGate.error(gate.pages().text(visitor.language(), "expiredForm"), List.of()),
                        entered);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", value(form, "username"));
            body.put("displayName", value(form, "displayName"));
            body.put("initialPassword", form.getFirst("initialPassword"));
            body.put("grants", value(form, "role").isEmpty() ? List.of() : List.of(value(form, "role") + "@" + value(form, "org")));
            try {
                visitor.api().post(ACCOUNTS, body);
            } catch (ApiRefusal e) {
                return listPage(visitor, null, null, null, ConsoleGate.error(e), entered);
            }
            return ConsoleGate.done("/console/users/" + ConsoleGate.encode(value(form, "username")), "created");
        });
    }

    @GET
    @Path("{username}")
    @Produces(MediaType.TEXT_HTML)
    public Response account(@PathParam("username") String username, @QueryParam("done") String done, @QueryParam("lang") String lang,
            @Context HttpServletRequest request, @Context HttpHeaders headers) {
        return gate.serve(request, headers, lang, Section.USERS, visitor -> accountPage(visitor, username, gate.doneText(visitor, done), null));
    }

    /** {@code lock}, {@code unlock}, {@code grant} (role and org) or {@code revoke} (grant), as the form's {@code action}. */
    @POST
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response change(@PathParam("username") String username, MultivaluedMap<String, String> form, @Context HttpServletRequest request,
            @Context HttpHeaders headers) {
        return gate.serve(request, headers, null, Section.USERS, visitor -> {
            if (ConsoleGate.forged(visitor, form.getFirst("csrf"))) {
                return accountPage(visitor, username, null, ConsoleGate.error(gate.pages().text(visitor.language(), "expiredForm"), List.of()));
            }
            String path = ACCOUNTS + "/" + ConsoleGate.encode(username);
            String action = value(form, "action");
            try {
                switch (action) {
                    case "lock" -> visitor.api().post(path + "/lock", Map.of());
                    case "unlock" -> visitor.api().post(path + "/unlock", Map.of());
                    case "grant" -> visitor.api().post(path + "/grants", Map.of("grant", value(form, "role") + "@" + value(form, "org")));
                    case "revoke" -> visitor.api().delete(path + "/grants?grant=" + ConsoleGate.encode(value(form, "grant")));
                    default -> throw new ApiRefusal(400, gate.pages().text(visitor.language(), "unknownAction", action), List.of());
                }
            } catch (ApiRefusal e) {
                return accountPage(visitor, username, null, ConsoleGate.error(e));
            }
            return ConsoleGate.done("/console/users/" + ConsoleGate.encode(username), action);
        });
    }

    private Response listPage(Visitor visitor, String q, String after, String done, Map<String, Object> error, Map<String, String> entered) {
        String query = ACCOUNTS + "?limit=" + gate.pageSize() + (q == null || q.isBlank() ? "" : "&prefix=" + ConsoleGate.encode(q.strip()))
                + (after == null || after.isBlank() ? "" : "&after=" + ConsoleGate.encode(after));
        JsonNode page = visitor.api().get(query);
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode account : page.path("items")) {
            items.add(row(visitor, account));
        }
        Map<String, Object> users = new HashMap<>();
        users.put("q", q == null ? "" : q);
        users.put("items", items);
        String cursor = page.path("cursor").asText(null);
        users.put("next", cursor == null ? null : "/console/users?after=" + ConsoleGate.encode(cursor)
                + (q == null || q.isBlank() ? "" : "&q=" + ConsoleGate.encode(q)));
        users.put("roles", roleOptions(visitor, entered.get("role")));
        users.put("entered", entered);
        users.put("org", entered.getOrDefault("org", visitor.firstOrg(GRANT).value()));
        Map<String, Object> model = new HashMap<>();
        model.put("users", users);
        model.put("done", done);
        model.put("error", error);
        return gate.page(visitor, error == null ? 200 : 422, Section.USERS, "titleUsers", model);
    }

    private Response accountPage(Visitor visitor, String username, String done, Map<String, Object> error) {
        JsonNode account;
        try {
            account = visitor.api().get(ACCOUNTS + "/" + ConsoleGate.encode(username));
        } catch (ApiRefusal e) {
            Map<String, Object> model = new HashMap<>();
            model.put("error", ConsoleGate.error(e));
            return gate.page(visitor, e.status(), Section.USERS, "titleUsers", model);
        }
        Map<String, Object> view = row(visitor, account);
        List<Map<String, String>> grants = new ArrayList<>();
        for (JsonNode grant : account.path("grants")) {
            RoleGrant parsed = RoleGrant.parse(grant.asText());
            grants.add(Map.of("grant", grant.asText(), "role", visitor.roleName(parsed.role()), "org", parsed.org().value()));
        }
        view.put("grantList", grants);
        view.put("roles", roleOptions(visitor, null));
        view.put("org", grants.isEmpty() ? visitor.firstOrg(GRANT).value() : grants.get(0).get("org"));
        Map<String, Object> model = new HashMap<>();
        model.put("account", view);
        model.put("done", done);
        model.put("error", error);
        return gate.page(visitor, error == null ? 200 : 422, Section.USERS, "titleUsers", model);
    }

    private static Map<String, Object> row(Visitor visitor, JsonNode account) {
        Map<String, Object> row = new HashMap<>();
        String username = account.path("username").asText();
        row.put("username", username);
        row.put("href", "/console/users/" + ConsoleGate.encode(username));
        row.put("displayName", account.path("displayName").asText());
        row.put("locked", account.path("locked").asBoolean());
        row.put("mustChangePassword", account.path("mustChangePassword").asBoolean());
        List<String> roles = new ArrayList<>();
        for (JsonNode grant : account.path("grants")) {
            RoleGrant parsed = RoleGrant.parse(grant.asText());
            roles.add(visitor.roleName(parsed.role()) + " @ " + parsed.org());
        }
        row.put("roles", String.join("；", roles));
        return row;
    }

    /** The roles the provider knows, the visitor's likely choice selected. */
    private static List<Map<String, Object>> roleOptions(Visitor visitor, String selected) {
        List<Map<String, Object>> options = new ArrayList<>();
        for (RoleCatalog.Role role : visitor.roles().values()) {
            options.add(Map.of("id", role.id(), "name", role.name(visitor.language()) + " (" + role.id() + ")",
                    "selected", role.id().equals(selected == null ? "teacher" : selected)));
        }
        options.sort((a, b) -> ((String) a.get("id")).compareTo((String) b.get("id")));
        return options;
    }

    private static String value(MultivaluedMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value.strip();
    }
}
