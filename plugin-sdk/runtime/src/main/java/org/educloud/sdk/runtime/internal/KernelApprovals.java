package org.educloud.sdk.runtime.internal;

import java.util.List;
import java.util.Optional;

import org.educloud.appcenter.catalog.AppGrants;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.sdk.app.AppScopes;
import org.educloud.sdk.app.NotGrantedException;
import org.educloud.sdk.user.CurrentUser;
import org.educloud.sdk.workflow.ApprovalCase;
import org.educloud.sdk.workflow.ApprovalDefinition;
import org.educloud.sdk.workflow.ApprovalRequest;
import org.educloud.sdk.workflow.Approvals;
import org.educloud.workflow.Actor;
import org.educloud.workflow.NewCase;
import org.educloud.workflow.StepDefinition;
import org.educloud.workflow.WorkflowCase;
import org.educloud.workflow.WorkflowDefinition;
import org.educloud.workflow.Workflows;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The SDK's approvals for one app (one instance per app bundle): the kernel's workflows, for
 * students of the orgs that granted the app {@link AppScopes#WORKFLOWS_SUBMIT}, started by users
 * who could start the case themselves (the REST API's rule: the permission to submit at the
 * workflow's applicant org, or the student applying for themselves).
 */
@Component(service = Approvals.class, scope = ServiceScope.BUNDLE)
public final class KernelApprovals implements Approvals {

    static final String SUBMIT = "workflow:approvals:submit";

    private final String appId;
    private final AppGrants grants;
    private final Workflows workflows;

    @Activate
    public KernelApprovals(ComponentContext context, @Reference(name = "grants") AppGrants grants,
            @Reference(name = "workflows") Workflows workflows) {
        this(AppBundle.appIdOf(context.getUsingBundle()), grants, workflows);
    }

    KernelApprovals(String appId, AppGrants grants, Workflows workflows) {
        this.appId = appId;
        this.grants = grants;
        this.workflows = workflows;
    }

    @Override
    public List<ApprovalDefinition> definitions() {
        return workflows.definitions().stream().map(KernelApprovals::definition).toList();
    }

    @Override
    public ApprovalCase start(CurrentUser applicant, ApprovalRequest request) {
        Caller caller = CallerUser.callerOf(applicant);
        String username = caller.username().orElseThrow(() -> new IllegalArgumentException("a case's applicant is a person: "
                + "start it with the CurrentUser of a user's request, not of a client acting for itself"));
        WorkflowDefinition definition = workflows.definition(request.definitionId()).orElseThrow(() -> new IllegalArgumentException(
                "workflow '" + request.definitionId() + "' does not exist; known: "
                + String.join(", ", workflows.definitions().stream().map(WorkflowDefinition::id).toList())));
        OrgPath school = org(request.school(), "school");
        Optional<OrgPath> destination = request.destination().filter(text -> !text.isBlank()).map(text -> org(text, "destination"));
        GrantedCaller granted = new GrantedCaller(appId, grants.grants(appId), AppScopes.WORKFLOWS_SUBMIT, permission -> false);
        if (!granted.reaches(school)) {
            throw new NotGrantedException(AppScopes.WORKFLOWS_SUBMIT, "app " + appId + " may not start cases for students of " + school
                    + ": that school did not install it or did not grant " + AppScopes.WORKFLOWS_SUBMIT + " (granted: " + granted.orgs() + ")");
        }
        OrgPath applicantOrg;
        try {
            applicantOrg = definition.applicantOrg().resolve(school, destination);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        boolean forThemselves = request.student() != null && request.student().strip().equals(username);
        if (!forThemselves && !caller.isPermitted(SUBMIT, applicantOrg)) {
            throw new NotGrantedException(SUBMIT, username + " may not start a " + definition.id() + " case: that needs the permission "
                    + SUBMIT + " at the " + definition.applicantOrg().label() + " " + applicantOrg + ", or the student applying for themselves");
        }
        NewCase newCase = new NewCase(definition.id(), request.student(), request.studentName(), school, destination, request.reason());
        return approvalCase(KernelInbox.valid(() -> workflows.start(newCase, new Actor(username, caller.grants(),
                Optional.of("app:" + appId)))));
    }

    @Override
    public Optional<ApprovalCase> find(long caseId) {
        GrantedCaller granted = new GrantedCaller(appId, grants.grants(appId), AppScopes.WORKFLOWS_SUBMIT, permission -> false);
        return workflows.find(caseId).filter(found -> granted.reaches(found.school())).map(KernelApprovals::approvalCase);
    }

    private static OrgPath org(String text, String field) {
        try {
            return OrgPath.of(text == null ? null : text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static ApprovalDefinition definition(WorkflowDefinition definition) {
        return new ApprovalDefinition(definition.id(), definition.nameZh(), definition.nameEn(), definition.needsDestination(),
                definition.steps().stream().map(StepDefinition::nameZh).toList());
    }

    private static ApprovalCase approvalCase(WorkflowCase found) {
        return new ApprovalCase(found.id(), found.definitionId(), found.subject(), found.school().value(), found.applicant(),
                found.status().name(), found.pending().map(step -> step.nameZh()), found.startedAt(), found.updatedAt());
    }
}
