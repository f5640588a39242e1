package org.educloud.basedata.internal.rest;

import static org.educloud.basedata.internal.rest.Replies.READ;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.ChangeFeed;
import org.educloud.identity.RequiresScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/basedata/v1/changes?since=CURSOR&limit=N}: what changed after a cursor, in commit
 * order. {@code next} is always given: keep it and ask with {@code since=next} next time.
 */
@Component(service = ChangesResource.class)
@JaxrsResource
@JaxrsExtensionSelect(Replies.BEARER_TOKEN_FILTER)
@Path("/api/basedata/v1/changes")
public class ChangesResource {

    private final ChangeFeed feed;

    @Activate
    public ChangesResource(@Reference(name = "feed") ChangeFeed feed) {
        this.feed = feed;
    }

    @GET
    @RequiresScope(READ)
    public Response since(@Context HttpServletRequest request, @Context UriInfo uri, @QueryParam("since") String since,
            @QueryParam("limit") String limit) {
        return Replies.answer(request, caller -> {
            long cursor;
            try {
                cursor = since == null || since.isBlank() ? 0 : Long.parseLong(since.strip());
            } catch (NumberFormatException e) {
                throw new BasedataProblem(Kind.INVALID, "since", "since '" + since + "' is not a cursor: pass 0 for the beginning "
                        + "or the 'next' value of the previous answer");
            }
            return Replies.page(feed.since(caller, cursor, Replies.limit(limit)), Representations::json, uri, "since");
        });
    }
}
