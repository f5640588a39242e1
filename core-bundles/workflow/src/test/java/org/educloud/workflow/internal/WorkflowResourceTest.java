package org.educloud.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.core.SecurityContext;

import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.platform.rest.ProblemException;
import org.educloud.workflow.WorkflowProblem;
import org.educloud.workflow.internal.WorkflowResource.ActRequest;
import org.educloud.workflow.internal.WorkflowResource.CaseView;
import org.educloud.workflow.internal.WorkflowResource.StartRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The workflow API's permission decisions, called as the JAX-RS runtime would, on MariaDB. */
class WorkflowResourceTest {

    private static final String SCHOOL = "/37/3701/370102/3701020001";
    private static final String DESTINATION = "/37/3709/370982/3709820007";
    private WorkflowResource resource;

    @BeforeEach
    void freshDatabase() throws Exception {
        resource = new WorkflowResource(new JdbcWorkflows(WorkflowDatabase.fresh("rest"), new RecordedEvents(),
                new MovableClock(Instant.parse("2026-11-23T08:00:00Z"))));
    }

    @Test
    void startingNeedsSubmitAtTheApplicantOrgOrBeingTheStudent() {
        ProblemException refused = assertThrows(ProblemException.class, () -> resource.start(transfer("s1"),
                as("out.teacher", "teacher@" + SCHOOL), null, null));
        assertEquals(403, refused.problem().status());
        assertTrue(refused.problem().detail().contains("workflow:approvals:submit at the destination school " + DESTINATION),
                refused.problem().detail());
        assertEquals(201, resource.start(transfer("s1"), as("in.teacher", "teacher@" + DESTINATION), null, uri()).getStatus());
        assertEquals(201, resource.start(transfer("zhang.san"), as("zhang.san", "student@" + SCHOOL), null, uri()).getStatus(),
                "the student applies for themselves");
    }

    @Test
    void theWrongActorIsToldWhoMayActAndStrangersCannotReadTheCase() {
        CaseView started = (CaseView) resource.start(transfer("s1"), as("in.teacher", "teacher@" + DESTINATION), null, uri()).getEntity();
        WorkflowProblem wrong = assertThrows(WorkflowProblem.class, () -> resource.act(String.valueOf(started.id()),
                new ActRequest("approve", null, null, null), as("out.admin", "school-admin@" + SCHOOL), null));
        assertEquals(403, WorkflowProblemMapper.problemOf(wrong).status());
        assertTrue(wrong.getMessage().contains("school-admin at " + DESTINATION), wrong.getMessage());
        ProblemException stranger = assertThrows(ProblemException.class, () -> resource.get(String.valueOf(started.id()),
                as("x", "teacher@/37/3702"), null));
        assertEquals(403, stranger.problem().status());
        assertEquals("transfer-in-school", resource.get(String.valueOf(started.id()), as("in.admin", "school-admin@" + DESTINATION), null)
                .current().pending().stepId());
        assertEquals("approve, reject (with a reason in comment), return (with what to correct in comment) or resubmit (the applicant, after a return)",
                assertThrows(WorkflowProblem.class, () -> resource.act(String.valueOf(started.id()), new ActRequest("ok", null, null, null),
                        as("in.admin", "school-admin@" + DESTINATION), null)).getMessage().replaceAll(".*use ", ""));
    }

    @Test
    void aClientActingForItselfHasNoInbox() {
        SecurityContext client = context(new FakeCaller(null, List.of()));
        WorkflowProblem refused = assertThrows(WorkflowProblem.class, () -> resource.todoCount(client, null));
        assertEquals(WorkflowProblem.Kind.FORBIDDEN, refused.kind());
    }

    private static StartRequest transfer(String subject) {
        return new StartRequest("student-transfer", subject, "张三", SCHOOL, DESTINATION, "随父母工作调动", null);
    }

    /** The request's URI as the runtime gives it; only the base is asked for. */
    private static javax.ws.rs.core.UriInfo uri() {
        return (javax.ws.rs.core.UriInfo) java.lang.reflect.Proxy.newProxyInstance(WorkflowResourceTest.class.getClassLoader(),
                new Class<?>[] {javax.ws.rs.core.UriInfo.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getBaseUriBuilder")) {
                        return javax.ws.rs.core.UriBuilder.fromUri("http://localhost:8181/");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static SecurityContext as(String username, String... grants) {
        return context(new FakeCaller(username, Arrays.stream(grants).map(RoleGrant::parse).toList()));
    }

    private static SecurityContext context(FakeCaller caller) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        };
    }

    /** A caller whose roles grant the seeded workflow permissions: teachers and students submit, administrators everything. */
    private record FakeCaller(String user, List<RoleGrant> grants) implements Caller, Principal {

        @Override
        public String subject() {
            return user == null ? "client" : user;
        }

        @Override
        public Optional<String> username() {
            return Optional.ofNullable(user);
        }

        @Override
        public String clientId() {
            return "portal";
        }

        @Override
        public Set<String> scopes() {
            return Set.of("workflow", "messages");
        }

        @Override
        public boolean isPermitted(String permission, OrgPath org) {
            return grants.stream().anyMatch(grant -> grant.org().covers(org) && (grant.role().endsWith("admin")
                    || grant.role().endsWith("officer") || grant.role().equals("teacher") && permission.equals(WorkflowResource.SUBMIT)));
        }

        @Override
        public List<OrgPath> scopeOf(String permission) {
            return List.of();
        }

        @Override
        public String getName() {
            return subject();
        }
    }
}
