package org.educloud.workflow.internal;

import java.time.Instant;
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

import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RequiresScope;
import org.educloud.identity.RoleGrant;
import org.educloud.platform.rest.Problem;
import org.educloud.platform.rest.ProblemException;
import org.educloud.workflow.Action;
import org.educloud.workflow.Actor;
import org.educloud.workflow.CaseHistory;
import org.educloud.workflow.Decision;
import org.educloud.workflow.HistoryEntry;
import org.educloud.workflow.NewCase;
import org.educloud.workflow.PendingStep;
import org.educloud.workflow.StepDefinition;
import org.educloud.workflow.Todo;
import org.educloud.workflow.WorkflowCase;
import org.educloud.workflow.WorkflowDefinition;
import org.educloud.workflow.WorkflowProblem;
import org.educloud.workflow.Workflows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * The workflow API, {@code /api/workflow/v1}: the definitions, starting a case, a case with its
 * history, deciding on its pending step, and the caller's to-dos (cursor paging) and their count.
 * Every call needs the scope {@value #SCOPE}. Starting needs {@value #SUBMIT} at the definition's
 * applicant org (or the caller is the student); reading a case needs {@value #READ} at its school
 * or destination, or being its applicant, its student or someone its pending step is for; deciding
 * is for whoever the pending step is for (403 saying who otherwise).
 */
@Component(service = WorkflowResource.class)
@JaxrsResource
// Never served without JSON and the bearer-token filter (if the filter is gone, so is this API).
@JaxrsExtensionSelect({"(osgi.jaxrs.media.type=application/json)", RestCalls.BEARER_FILTER})
@Path("/api/workflow/v1")
@RequiresScope(WorkflowResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowResource {

    static final String SCOPE = "workflow";
    static final String SUBMIT = "workflow:approvals:submit";
    static final String READ = "workflow:cases:read";

    private final Workflows workflows;

    @Activate
    public WorkflowResource(@Reference(name = "workflows") Workflows workflows) {
        this.workflows = workflows;
    }

    /** A step of a definition. */
    public record StepView(String id, String nameZh, String nameEn, String role, String org, long timeLimitHours, String escalation) {
        static StepView of(StepDefinition step) {
            return new StepView(step.id(), step.nameZh(), step.nameEn(), step.assignee().role(), step.assignee().org().name(),
                    step.timeLimit().toHours(), step.escalation().kind().name() + step.escalation().to().map(to -> " " + to).orElse(""));
        }
    }

    /** A workflow definition. */
    public record DefinitionView(String id, String nameZh, String nameEn, String applicantOrg, boolean needsDestination,
            List<StepView> steps) {
        static DefinitionView of(WorkflowDefinition definition) {
            return new DefinitionView(definition.id(), definition.nameZh(), definition.nameEn(), definition.applicantOrg().name(),
                    definition.needsDestination(), definition.steps().stream().map(StepView::of).toList());
        }
    }

    /** The step a case waits on; {@code role} and {@code org} for a review, {@code applicant} for a correction. */
    public record PendingView(long id, int index, String stepId, String nameZh, String nameEn, String kind, String role, String org,
            String applicant, String dueAt, int escalations, String since, String whoMayAct) {
        static PendingView of(PendingStep step) {
            return new PendingView(step.id(), step.index(), step.stepId(), step.nameZh(), step.nameEn(),
                    step.isCorrection() ? "correction" : "review", step.grant().map(RoleGrant::role).orElse(null),
                    step.grant().map(grant -> grant.org().value()).orElse(null), step.applicant().orElse(null),
                    step.dueAt().map(Instant::toString).orElse(null), step.escalations(), step.since().toString(), step.whoMayAct());
        }
    }

    /** A case as the API shows it; send {@code version} back with a decision. */
    public record CaseView(long id, String definition, String subject, String subjectName, String school, String destination,
            String applicant, String reason, String status, int version, String startedAt, String updatedAt, PendingView pending,
            Map<String, String> details) {
        static CaseView of(WorkflowCase found) {
            return new CaseView(found.id(), found.definitionId(), found.subject(), found.subjectName(), found.school().value(),
                    found.destination().map(OrgPath::value).orElse(null), found.applicant(), found.reason(), found.status().name(),
                    found.version(), found.startedAt().toString(), found.updatedAt().toString(),
                    found.pending().map(PendingView::of).orElse(null), found.details());
        }
    }

    /** One transition. */
    public record HistoryView(String at, String actor, String transition, String step, String org, String address, String comment) {
        static HistoryView of(HistoryEntry entry) {
            return new HistoryView(entry.at().toString(), entry.actor(), entry.transition().name(), entry.stepId().orElse(null),
                    entry.org().orElse(null), entry.address().orElse(null), entry.comment());
        }
    }

    /** A case with its history, oldest first. */
    public record CaseDetail(CaseView current, List<HistoryView> history) {
    }

    /** A to-do: {@code id} is the pending step's id and the paging cursor. */
    public record TodoView(long id, long caseId, int caseVersion, String definition, String workflowNameZh, String workflowNameEn,
            PendingView step, String subject, String subjectName, String school, String destination, String applicant) {
        static TodoView of(Todo todo) {
            WorkflowCase found = todo.workflowCase();
            return new TodoView(todo.step().id(), found.id(), found.version(), found.definitionId(), todo.definition().nameZh(),
                    todo.definition().nameEn(), PendingView.of(todo.step()), found.subject(), found.subjectName(), found.school().value(),
                    found.destination().map(OrgPath::value).orElse(null), found.applicant());
        }
    }

    /**
     * One page of to-dos.
     *
     * @param items  oldest first
     * @param cursor pass as {@code after} for the next page; {@code null} on the last page
     * @param next   the next page's path and query; {@code null} on the last page
     */
    public record TodoPage(List<TodoView> items, Long cursor, String next) {
    }

    /** What {@code POST /cases} takes; {@code details} for a workflow that needs them (a record correction's fields). */
    public record StartRequest(String definition, String subject, String subjectName, String school, String destination, String reason,
            Map<String, String> details) {
    }

    /** What {@code POST /cases/{id}/actions} takes: {@code action} approve, reject, return or resubmit. */
    public record ActRequest(String action, String comment, Integer version, String reason) {
    }

    @GET
    @Path("definitions")
    public List<DefinitionView> definitions(@Context SecurityContext security) {
        RestCalls.caller(security);
        return workflows.definitions().stream().map(DefinitionView::of).toList();
    }

    @POST
    @Path("cases")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(StartRequest body, @Context SecurityContext security, @Context HttpServletRequest request,
            @Context UriInfo uri) {
        Caller caller = RestCalls.caller(security);
        Actor actor = RestCalls.actor(caller, request);
        if (body == null) {
            throw new ProblemException(Problem.invalidInput(null, "Send the case as a JSON body: {\"definition\", \"subject\", "
                    + "\"subjectName\", \"school\", \"reason\", and for transfers \"destination\"}; definitions are listed at "
                    + "GET /api/workflow/v1/definitions."));
        }
        WorkflowDefinition definition = workflows.definition(body.definition()).orElseThrow(() -> new WorkflowProblem(
                WorkflowProblem.Kind.INVALID, "definition", "workflow '" + body.definition() + "' does not exist; known: "
                + String.join(", ", workflows.definitions().stream().map(WorkflowDefinition::id).toList())));
        OrgPath school = org(body.school(), "school");
        Optional<OrgPath> destination = body.destination() == null || body.destination().isBlank() ? Optional.empty()
                : Optional.of(org(body.destination(), "destination"));
        NewCase newCase = new NewCase(definition.id(), body.subject(), body.subjectName(), school, destination, body.reason(),
                body.details());
        OrgPath applicantOrg;
        try {
            applicantOrg = definition.applicantOrg().resolve(school, destination);
        } catch (IllegalArgumentException e) {
            throw new WorkflowProblem(WorkflowProblem.Kind.INVALID, definition.applicantOrg().onDestinationSide() ? "destination" : "school",
                    e.getMessage());
        }
        boolean forThemselves = body.subject() != null && body.subject().strip().equals(actor.name());
        if (!forThemselves && !caller.isPermitted(SUBMIT, applicantOrg)) {
            throw new ProblemException(Problem.forbidden("You (" + actor.name() + ") may not start a " + definition.id() + " case: "
                    + "that needs the permission " + SUBMIT + " at the " + definition.applicantOrg().label() + " " + applicantOrg
                    + " (a teacher or administrator there), or the student applying for themselves; your roles " + actor.grants()
                    + " do not give it there."));
        }
        WorkflowCase started = workflows.start(newCase, actor);
        return Response.created(uri.getBaseUriBuilder().path("api/workflow/v1/cases").path(String.valueOf(started.id())).build())
                .entity(CaseView.of(started)).build();
    }

    @GET
    @Path("cases/{id}")
    public CaseDetail get(@PathParam("id") String id, @Context SecurityContext security, @Context HttpServletRequest request) {
        Caller caller = RestCalls.caller(security);
        Actor actor = RestCalls.actor(caller, request);
        CaseHistory history = workflows.history(caseId(id));
        WorkflowCase found = history.current();
        boolean involved = found.applicant().equals(actor.name()) || found.subject().equals(actor.name())
                || found.pending().map(step -> step.isFor(actor)).orElse(false)
                || caller.isPermitted(READ, found.school()) || found.destination().map(org -> caller.isPermitted(READ, org)).orElse(false);
        if (!involved) {
            throw new ProblemException(Problem.forbidden("You (" + actor.name() + ") may not read case " + found.id() + ": that needs "
                    + "the permission " + READ + " at " + found.school() + found.destination().map(org -> " or " + org).orElse("")
                    + ", or being its applicant, its student or a reviewer of its pending step."));
        }
        return new CaseDetail(CaseView.of(found), history.entries().stream().map(HistoryView::of).toList());
    }

    @POST
    @Path("cases/{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    public CaseView act(@PathParam("id") String id, ActRequest body, @Context SecurityContext security,
            @Context HttpServletRequest request) {
        Actor actor = RestCalls.actor(RestCalls.caller(security), request);
        if (body == null || body.action() == null) {
            throw new ProblemException(Problem.invalidInput("action", "Send the decision as a JSON body: {\"action\": \"approve\" | "
                    + "\"reject\" | \"return\" | \"resubmit\", \"comment\": \"…\" (required for reject and return), \"version\": "
                    + "the case version you saw}"));
        }
        Decision decision = new Decision(Action.parse(body.action()), body.comment(), Optional.ofNullable(body.version()),
                Optional.ofNullable(body.reason()));
        return CaseView.of(workflows.act(caseId(id), decision, actor));
    }

    @GET
    @Path("todos")
    public Response todos(@QueryParam("after") String after, @QueryParam("limit") String limit, @Context SecurityContext security,
            @Context HttpServletRequest request, @Context UriInfo uri) {
        Actor actor = RestCalls.actor(RestCalls.caller(security), request);
        int size = RestCalls.limit(limit);
        List<Todo> found = workflows.todos(actor, RestCalls.number(after, "after", "the cursor of the previous page"), size + 1);
        List<TodoView> items = found.stream().limit(size).map(TodoView::of).toList();
        Long cursor = found.size() > size ? items.get(items.size() - 1).id() : null;
        String next = RestCalls.next(uri, "after", cursor, size);
        return RestCalls.page(new TodoPage(items, cursor, next), next, uri);
    }

    @GET
    @Path("todos/count")
    public Map<String, Long> todoCount(@Context SecurityContext security, @Context HttpServletRequest request) {
        return Map.of("count", workflows.todoCount(RestCalls.actor(RestCalls.caller(security), request)));
    }

    private static long caseId(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (RuntimeException e) {
            throw new ProblemException(Problem.notFound("id", "no case '" + text + "': case ids are whole numbers"));
        }
    }

    private static OrgPath org(String text, String field) {
        try {
            return OrgPath.of(text == null ? null : text.strip());
        } catch (IllegalArgumentException e) {
            throw new WorkflowProblem(WorkflowProblem.Kind.INVALID, field, e.getMessage());
        }
    }
}
