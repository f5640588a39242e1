package org.educloud.sdk.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.appcenter.catalog.AppGrant;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.sdk.app.AppScopes;
import org.educloud.sdk.app.NotGrantedException;
import org.educloud.sdk.workflow.ApprovalCase;
import org.educloud.sdk.workflow.ApprovalRequest;
import org.educloud.workflow.Actor;
import org.educloud.workflow.CaseStatus;
import org.educloud.workflow.NewCase;
import org.educloud.workflow.SuspensionWorkflow;
import org.educloud.workflow.WorkflowCase;
import org.educloud.workflow.Workflows;
import org.junit.jupiter.api.Test;

/** An app starts cases only for schools that granted it, and only for users who could start them themselves. */
class KernelApprovalsTest {

    private static final OrgPath SCHOOL = OrgPath.of("/37/3701/370102/3701020001");
    private static final OrgPath OTHER = OrgPath.of("/37/3701/370102/3701020002");

    private final List<String> started = new ArrayList<>();

    @Test
    void aTeacherStartsASuspensionForAStudentOfAGrantingSchool() {
        KernelApprovals approvals = approvals(List.of(new AppGrant("registry", SCHOOL, Set.of(AppScopes.WORKFLOWS_SUBMIT))));
        ApprovalCase started = approvals.start(user("wang.fang", "teacher@" + SCHOOL.value()),
                request(SCHOOL, "G370102201001010011"));
        assertEquals("suspension", started.definitionId());
        assertEquals("IN_REVIEW", started.status());
        assertEquals(List.of("wang.fang G370102201001010011 app:registry"), this.started);
        assertTrue(approvals.definitions().stream().anyMatch(d -> d.id().equals(SuspensionWorkflow.ID)));
    }

    @Test
    void refusedWhereTheSchoolDidNotGrantOrTheUserMayNotApply() {
        KernelApprovals approvals = approvals(List.of(new AppGrant("registry", SCHOOL, Set.of(AppScopes.WORKFLOWS_SUBMIT)),
                new AppGrant("registry", OTHER, Set.of(AppScopes.BASEDATA_READ))));
        NotGrantedException otherSchool = assertThrows(NotGrantedException.class,
                () -> approvals.start(user("li.na", "teacher@" + OTHER.value()), request(OTHER, "G1")));
        assertEquals(AppScopes.WORKFLOWS_SUBMIT, otherSchool.scope());
        NotGrantedException student = assertThrows(NotGrantedException.class,
                () -> approvals.start(user("cao.aihua", "student@" + SCHOOL.value() + "/2017-02"), request(SCHOOL, "someone.else")));
        assertEquals(KernelApprovals.SUBMIT, student.scope());
        approvals.start(user("cao.aihua", "student@" + SCHOOL.value() + "/2017-02"), request(SCHOOL, "cao.aihua"));
        assertEquals(1, started.size(), "a student may apply for themselves, and only that started");
        assertThrows(IllegalArgumentException.class, () -> approvals.start(user("wang.fang", "teacher@" + SCHOOL.value()),
                new ApprovalRequest("no-such-workflow", "G1", "曹", SCHOOL.value(), Optional.empty(), "r")));
    }

    private KernelApprovals approvals(List<AppGrant> grants) {
        Workflows workflows = (Workflows) Proxy.newProxyInstance(Workflows.class.getClassLoader(), new Class<?>[] {Workflows.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "definitions" -> List.of(SuspensionWorkflow.definition());
                    case "definition" -> Optional.of(SuspensionWorkflow.definition()).filter(d -> d.id().equals(args[0]));
                    case "start" -> {
                        NewCase request = (NewCase) args[0];
                        Actor actor = (Actor) args[1];
                        started.add(actor.name() + " " + request.subject() + " " + actor.address().orElse(""));
                        yield new WorkflowCase(started.size(), request.definitionId(), request.subject(), request.subjectName(),
                                request.school(), request.destination(), actor.name(), request.reason(), CaseStatus.IN_REVIEW,
                                Optional.empty(), 1, Instant.now(), Instant.now());
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new KernelApprovals("registry", appId -> grants, workflows);
    }

    private static ApprovalRequest request(OrgPath school, String student) {
        return new ApprovalRequest(SuspensionWorkflow.ID, student, "曹爱华", school.value(), Optional.empty(), "因病休学");
    }

    private static CallerUser user(String username, String grant) {
        RoleGrant held = RoleGrant.parse(grant);
        return new CallerUser(new Caller() {
            public String subject() { return username; }
            public Optional<String> username() { return Optional.of(username); }
            public String clientId() { return "app-registry-web"; }
            public Set<String> scopes() { return Set.of("openid"); }
            public List<RoleGrant> grants() { return List.of(held); }
            public boolean isPermitted(String permission, OrgPath org) {
                return held.role().equals("teacher") && permission.equals(KernelApprovals.SUBMIT) && held.org().covers(org);
            }
            public List<OrgPath> scopeOf(String permission) { return List.of(); }
        });
    }
}
