package org.educloud.workflow.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
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
import org.educloud.identity.AccountDirectory;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RequiresScope;
import org.educloud.identity.RoleGrant;
import org.educloud.platform.rest.Problem;
import org.educloud.platform.rest.ProblemException;
import org.educloud.workflow.Actor;
import org.educloud.workflow.Audience;
import org.educloud.workflow.Message;
import org.educloud.workflow.Messages;
import org.educloud.workflow.NewMessage;
import org.educloud.workflow.WorkflowProblem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * The messages API, {@code /api/messages/v1}: the caller's inbox (newest first, cursor paging),
 * the unread count, marking read, and sending. Every call needs the scope {@value #SCOPE}.
 * Sending needs {@value #SEND} at the audience's org (class, school, subtree), or, to one person,
 * at one of the orgs the recipient holds a role at (the whole region for someone without roles).
 */
@Component(service = MessagesResource.class)
@JaxrsResource
@JaxrsExtensionSelect({"(osgi.jaxrs.media.type=application/json)", RestCalls.BEARER_FILTER})
@Path("/api/messages/v1")
@RequiresScope(MessagesResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    static final String SCOPE = "messages";
    static final String SEND = "workflow:messages:send";

    private final Messages messages;
    private final AccountDirectory accounts;

    @Activate
    public MessagesResource(@Reference(name = "messages") Messages messages, @Reference(name = "accounts") AccountDirectory accounts) {
        this.messages = messages;
        this.accounts = accounts;
    }

    /** Who a message is for: {@code kind} user, class, school or org; {@code target} a username or an org path. */
    public record AudienceView(String kind, String target) {
        static AudienceView of(Audience audience) {
            return new AudienceView(audience.kind().name().toLowerCase(java.util.Locale.ROOT), audience.target());
        }
    }

    /** A message as the inbox shows it. */
    public record MessageView(long id, String sender, AudienceView to, String title, String body, String link, String sentAt,
            boolean read) {
        static MessageView of(Message message) {
            return new MessageView(message.id(), message.sender(), AudienceView.of(message.to()), message.title(), message.body(),
                    message.link().orElse(null), message.sentAt().toString(), message.read());
        }
    }

    /**
     * One page of the inbox.
     *
     * @param items  newest first
     * @param cursor pass as {@code before} for the next page; {@code null} on the last page
     * @param next   the next page's path and query; {@code null} on the last page
     */
    public record MessagePage(List<MessageView> items, Long cursor, String next) {
    }

    /** What sending takes. */
    public record SendRequest(AudienceView to, String title, String body, String link) {
    }

    @GET
    @Path("inbox")
    public Response inbox(@QueryParam("before") String before, @QueryParam("limit") String limit, @QueryParam("unread") String unread,
            @Context SecurityContext security, @Context HttpServletRequest request, @Context UriInfo uri) {
        Actor reader = RestCalls.actor(RestCalls.caller(security), request);
        int size = RestCalls.limit(limit);
        boolean unreadOnly = "true".equalsIgnoreCase(unread);
        List<Message> found = messages.inbox(reader, RestCalls.number(before, "before", "the cursor of the previous page"), size + 1,
                unreadOnly);
        List<MessageView> items = found.stream().limit(size).map(MessageView::of).toList();
        Long cursor = found.size() > size ? items.get(items.size() - 1).id() : null;
        String next = RestCalls.next(uri, "before", cursor, size);
        return RestCalls.page(new MessagePage(items, cursor, next), next, uri);
    }

    @GET
    @Path("inbox/unread-count")
    public Map<String, Long> unreadCount(@Context SecurityContext security, @Context HttpServletRequest request) {
        return Map.of("unread", messages.unreadCount(RestCalls.actor(RestCalls.caller(security), request)));
    }

    @POST
    @Path("inbox/{id}/read")
    public Response markRead(@PathParam("id") String id, @Context SecurityContext security, @Context HttpServletRequest request) {
        Actor reader = RestCalls.actor(RestCalls.caller(security), request);
        long messageId;
        try {
            messageId = Long.parseLong(id.strip());
        } catch (RuntimeException e) {
            throw new ProblemException(Problem.notFound("id", "no message '" + id + "': message ids are whole numbers"));
        }
        messages.markRead(messageId, reader);
        return Response.noContent().build();
    }

    @POST
    @Path("messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(SendRequest body, @Context SecurityContext security, @Context HttpServletRequest request) {
        Caller caller = RestCalls.caller(security);
        Actor sender = RestCalls.actor(caller, request);
        if (body == null || body.to() == null || body.to().kind() == null) {
            throw new ProblemException(Problem.invalidInput("to", "Send the message as a JSON body: {\"to\": {\"kind\": \"user\" | "
                    + "\"class\" | \"school\" | \"org\", \"target\": username or org path}, \"title\", \"body\", optional \"link\"}"));
        }
        Audience audience = new Audience(Audience.kind(body.to().kind()), body.to().target());
        requireMaySend(caller, sender, audience);
        Message sent = messages.send(new NewMessage(audience, body.title(), body.body(), Optional.ofNullable(body.link())), sender.name());
        return Response.status(Response.Status.CREATED).entity(MessageView.of(sent)).build();
    }

    private void requireMaySend(Caller caller, Actor sender, Audience audience) {
        List<OrgPath> where;
        if (audience.kind() == Audience.Kind.USER) {
            Account recipient = accounts.find(audience.target()).orElseThrow(() -> new WorkflowProblem(WorkflowProblem.Kind.INVALID,
                    "to.target", "no user " + audience.target() + ": give the recipient's username"));
            where = recipient.grants().isEmpty() ? List.of(OrgPath.ROOT) : recipient.grants().stream().map(RoleGrant::org).distinct().toList();
        } else {
            where = List.of(audience.org().orElseThrow());
        }
        if (where.stream().noneMatch(org -> caller.isPermitted(SEND, org))) {
            throw new ProblemException(Problem.forbidden("You (" + sender.name() + ") may not send a message to " + audience
                    + ": that needs the permission " + SEND + " at " + String.join(" or ", where.stream().map(OrgPath::value).toList())
                    + ", and your roles " + sender.grants() + " do not give it there."));
        }
    }
}
