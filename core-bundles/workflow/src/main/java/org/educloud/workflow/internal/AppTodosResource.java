package org.educloud.workflow.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.educloud.identity.RequiresScope;
import org.educloud.workflow.AppTodos;
import org.educloud.workflow.PostedTodo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * The caller's open to-dos from apps, {@code /api/workflow/v1/app-todos} (cursor paging) and their
 * count; the workflow steps are {@code /api/workflow/v1/todos}. Apps post and close them through
 * the SDK, so this API only reads.
 */
@Component(service = AppTodosResource.class)
@JaxrsResource
@JaxrsExtensionSelect({"(osgi.jaxrs.media.type=application/json)", RestCalls.BEARER_FILTER})
@Path("/api/workflow/v1/app-todos")
@RequiresScope(WorkflowResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
public class AppTodosResource {

    private final AppTodos todos;

    @Activate
    public AppTodosResource(@Reference(name = "todos") AppTodos todos) {
        this.todos = todos;
    }

    /** An app's to-do as the API shows it. */
    public record AppTodoView(long id, String app, String title, String link, String due, boolean overdue, String postedAt) {

        static AppTodoView of(PostedTodo todo, Instant now) {
            return new AppTodoView(todo.id(), todo.appId(), todo.title(), todo.link(), todo.due().map(Object::toString).orElse(null),
                    todo.overdue(now), todo.postedAt().toString());
        }
    }

    /** A page of them. */
    public record AppTodoPage(List<AppTodoView> items, Long cursor, String next) {
    }

    @GET
    public Response open(@QueryParam("after") String after, @QueryParam("limit") String limit, @Context SecurityContext security,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        String username = RestCalls.actor(RestCalls.caller(security), request).name();
        int size = RestCalls.limit(limit);
        List<PostedTodo> found = todos.open(username, RestCalls.number(after, "after", "the cursor of the previous page"), size + 1);
        Instant now = java.time.Instant.now();
        List<AppTodoView> items = found.stream().limit(size).map(todo -> AppTodoView.of(todo, now)).toList();
        Long cursor = found.size() > size ? items.get(items.size() - 1).id() : null;
        String next = RestCalls.next(uri, "after", cursor, size);
        return RestCalls.page(new AppTodoPage(items, cursor, next), next, uri);
    }

    @GET
    @Path("count")
    public Map<String, Long> count(@Context SecurityContext security, @Context HttpServletRequest request) {
        return Map.of("count", todos.openCount(RestCalls.actor(RestCalls.caller(security), request).name()));
    }
}
