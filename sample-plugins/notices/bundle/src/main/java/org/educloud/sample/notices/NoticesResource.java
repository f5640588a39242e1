package org.educloud.sample.notices;

import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.NotAuthorizedException;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.educloud.sdk.app.AppDescriptor;
import org.educloud.sdk.app.NotGrantedException;
import org.educloud.sdk.basedata.BasicData;
import org.educloud.sdk.basedata.BasicDataView;
import org.educloud.sdk.inbox.Inbox;
import org.educloud.sdk.inbox.Recipients;
import org.educloud.sdk.user.CurrentUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * The noticeboard's API, {@code /apps/notices/api/notices}: the caller's board with its unread
 * count, posting (teachers and school administrators; everyone the notice is for gets a message
 * in their unified inbox), marking one read, and where the caller may post.
 */
@Component(service = NoticesResource.class)
@JaxrsResource
@JaxrsExtensionSelect({"(osgi.jaxrs.media.type=application/json)", AppDescriptor.TOKEN_CHECK})
@JaxrsApplicationSelect("(educloud.app=notices)") // the app's own JAX-RS application, based at /apps/notices/api
@Path("/notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticesResource {

    static final int MAX_TITLE = 100;
    static final int MAX_BODY = 4000;
    static final int BOARD_SIZE = 100;

    private final NoticeStore store;
    private final BasicData basicData;
    private final Inbox inbox;
    private final Clock clock;

    @Activate
    public NoticesResource(@Reference(name = "dataSource", target = AppDescriptor.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "basicData") BasicData basicData, @Reference(name = "inbox") Inbox inbox) {
        this.store = new NoticeStore(dataSource);
        this.basicData = basicData;
        this.inbox = inbox;
        this.clock = Clock.systemUTC();
    }

    /** What posting takes. */
    public record NewNotice(String title, String body, String classId, String school) {
    }

    /** The board: the notices and how many are unread. */
    public record Board(long unread, List<Notice> items) {
    }

    /** Somewhere the caller may post: a school, or a class of it. */
    public record Target(String school, String classId, String title) {
    }

    @GET
    public Board board(@Context SecurityContext security) throws SQLException {
        CurrentUser user = user(security);
        List<Notice> notices = store.board(Readership.of(user, basicData.asUser(user)), user.id(), BOARD_SIZE);
        return new Board(notices.stream().filter(notice -> !notice.read()).count(), notices);
    }

    @GET
    @Path("audiences")
    public List<Target> audiences(@Context SecurityContext security) {
        CurrentUser user = user(security);
        return new PostingRule(user, basicData.asUser(user)).audiences().stream().map(audience -> new Target(audience.schoolPath(),
                audience.schoolClass().map(c -> c.id()).orElse(null), audience.schoolClass().map(c -> c.title()).orElse("全校 / whole school")))
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(NewNotice request, @Context SecurityContext security) throws SQLException {
        CurrentUser user = user(security);
        if (request == null) {
            throw Refusal.invalid(null, "send the notice as JSON: {\"title\", \"body\", and \"classId\" for one class}");
        }
        String title = text(request.title(), "title", MAX_TITLE);
        String body = text(request.body(), "body", MAX_BODY);
        BasicDataView view = basicData.asUser(user);
        PostingRule.Audience audience = new PostingRule(user, view).audience(request.classId(), request.school());
        String authorName = view.me().map(me -> me.name()).orElse(user.getName());
        Notice notice = store.post(audience, title, body, user.id(), authorName, clock.instant());
        Map<String, Object> posted = new LinkedHashMap<>();
        posted.put("notice", notice);
        posted.put("notified", notify(audience, notice));
        return Response.status(Response.Status.CREATED).entity(posted).build();
    }

    @POST
    @Path("{id}/read")
    public Response read(@PathParam("id") String id, @Context SecurityContext security) throws SQLException {
        CurrentUser user = user(security);
        long noticeId;
        try {
            noticeId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw Refusal.notFound("id", "no notice '" + id + "': notice ids are whole numbers");
        }
        if (!store.onBoard(Readership.of(user, basicData.asUser(user)), user.id(), noticeId)) {
            throw Refusal.notFound("id", "no notice " + noticeId + " on your board");
        }
        store.markRead(noticeId, user.id(), clock.instant());
        return Response.noContent().build();
    }

    /**
     * Tells everyone the notice is for, through the unified inbox. The notice stands even when the
     * school did not grant messages: the answer says so instead of failing the post.
     */
    private String notify(PostingRule.Audience audience, Notice notice) {
        Recipients to = audience.schoolClass().map(c -> Recipients.schoolClass(c.path())).orElse(Recipients.school(audience.schoolPath()));
        try {
            inbox.send(to, "新公告：" + notice.title(), notice.body().length() > 200 ? notice.body().substring(0, 200) + "…" : notice.body(),
                    Optional.of("/apps/notices/"));
            return "sent";
        } catch (NotGrantedException e) {
            return "not sent: " + e.getMessage();
        }
    }

    private static CurrentUser user(SecurityContext security) {
        // The kernel has checked the token before this runs; without a user this is not an app request.
        return CurrentUser.of(security).orElseThrow(() -> new NotAuthorizedException("Bearer realm=\"educloud\""));
    }

    private static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw Refusal.invalid(field, field + " is missing");
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw Refusal.invalid(field, field + " has " + stripped.length() + " characters; at most " + max);
        }
        return stripped;
    }
}
