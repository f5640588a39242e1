package org.educloud.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.workflow.Action;
import org.educloud.workflow.Actor;
import org.educloud.workflow.CaseEffect;
import org.educloud.workflow.CaseHistory;
import org.educloud.workflow.CaseQuery;
import org.educloud.workflow.CaseStatus;
import org.educloud.workflow.Decision;
import org.educloud.workflow.HistoryEntry;
import org.educloud.workflow.NewCase;
import org.educloud.workflow.PendingStep;
import org.educloud.workflow.RecordCorrectionWorkflow;
import org.educloud.workflow.StudentTransferWorkflow;
import org.educloud.workflow.SuspensionWorkflow;
import org.educloud.workflow.Todo;
import org.educloud.workflow.Transition;
import org.educloud.workflow.WorkflowCase;
import org.educloud.workflow.WorkflowProblem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** Cases through every transition, org-relative assignment, concurrency and escalation, on MariaDB. */
class JdbcWorkflowsTest {

    private static final String SCHOOL = "/37/3701/370102/3701020001";
    private static final String DESTINATION = "/37/3709/370982/3709820007";
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final RecordedEvents events = new RecordedEvents();
    private DataSource dataSource;
    private JdbcWorkflows workflows;

    private final Actor applicant = actor("li.teacher", "teacher@" + DESTINATION);
    private final Actor inSchool = actor("in.admin", "school-admin@" + DESTINATION);
    private final Actor outSchool = actor("out.admin", "school-admin@" + SCHOOL);
    private final Actor outDistrict = actor("out.officer", "district-officer@/37/3701/370102");
    private final Actor inDistrict = actor("in.officer", "district-officer@/37/3709/370982");

    @BeforeEach
    void freshDatabase() throws Exception {
        dataSource = WorkflowDatabase.fresh("engine");
        workflows = new JdbcWorkflows(dataSource, events, clock);
    }

    @Test
    void aTransferGoesFromTheTransferInSchoolToTheTransferInBureauAndCompletes() {
        WorkflowCase started = transfer(DESTINATION);
        assertEquals(CaseStatus.IN_REVIEW, started.status());
        assertEquals(Optional.of(RoleGrant.parse("school-admin@" + DESTINATION)), started.pending().orElseThrow().grant());
        assertEquals(Optional.of(clock.instant().plus(Duration.ofDays(3))), started.pending().orElseThrow().dueAt());

        WorkflowCase afterIn = workflows.act(started.id(), new Decision(Action.APPROVE, "接收", Optional.of(started.version()),
                Optional.empty()), inSchool);
        assertEquals("transfer-out-school", afterIn.pending().orElseThrow().stepId());
        assertEquals(started.version() + 1, afterIn.version());
        WorkflowCase afterOut = workflows.act(started.id(), Decision.of(Action.APPROVE, "同意转出"), outSchool);
        assertEquals(Optional.of(RoleGrant.parse("district-officer@/37/3701/370102")), afterOut.pending().orElseThrow().grant());
        WorkflowCase afterOutBureau = workflows.act(started.id(), Decision.of(Action.APPROVE, ""), outDistrict);
        assertEquals(Optional.of(RoleGrant.parse("district-officer@/37/3709/370982")), afterOutBureau.pending().orElseThrow().grant());
        WorkflowCase done = workflows.act(started.id(), Decision.of(Action.APPROVE, "同意转入"), inDistrict);

        assertEquals(CaseStatus.COMPLETED, done.status());
        assertTrue(done.pending().isEmpty());
        assertEquals(List.of("STARTED", "STEP_APPROVED", "STEP_APPROVED", "STEP_APPROVED", "STEP_APPROVED", "COMPLETED"),
                events.topics().stream().map(topic -> topic.substring(Transition.TOPIC_PREFIX.length())).toList());
        Event last = events.events.get(events.events.size() - 2);
        assertEquals(started.id(), last.getProperty(Transition.PROPERTY_CASE));
        assertEquals("in.officer", last.getProperty(Transition.PROPERTY_ACTOR));
        assertEquals("/37/3709/370982", last.getProperty(Transition.PROPERTY_ORG));
        assertEquals("同意转入", last.getProperty(Transition.PROPERTY_COMMENT));

        CaseHistory history = workflows.history(started.id());
        assertEquals(List.of(Transition.STARTED, Transition.STEP_APPROVED, Transition.STEP_APPROVED, Transition.STEP_APPROVED,
                Transition.STEP_APPROVED, Transition.COMPLETED), history.entries().stream().map(HistoryEntry::transition).toList());
        HistoryEntry outApproval = history.entries().get(2);
        assertEquals("out.admin", outApproval.actor());
        assertEquals(Optional.of("transfer-out-school"), outApproval.stepId());
        assertEquals(Optional.of(SCHOOL), outApproval.org());
        assertEquals(Optional.of("10.0.0.9"), outApproval.address());
        assertEquals("同意转出", outApproval.comment());

        assertThrows(WorkflowProblem.class, () -> workflows.act(started.id(), Decision.of(Action.APPROVE, ""), inDistrict));
    }

    @Test
    void withinOneDistrictTheBureauApprovesOnce() {
        WorkflowCase started = transfer("/37/3701/370102/3701020009");
        Actor nextDoor = actor("next.admin", "school-admin@/37/3701/370102/3701020009");
        workflows.act(started.id(), Decision.of(Action.APPROVE, ""), nextDoor);
        workflows.act(started.id(), Decision.of(Action.APPROVE, ""), outSchool);
        WorkflowCase done = workflows.act(started.id(), Decision.of(Action.APPROVE, ""), outDistrict);
        assertEquals(CaseStatus.COMPLETED, done.status(), "the transfer-in bureau is the same bureau: skipped");
    }

    @Test
    void aReturnedCaseIsTheApplicantsToDoUntilTheyResubmitThenGoesBackToTheSameStep() {
        WorkflowCase started = transfer(DESTINATION);
        workflows.act(started.id(), Decision.of(Action.APPROVE, ""), inSchool);
        WorkflowProblem noComment = assertThrows(WorkflowProblem.class,
                () -> workflows.act(started.id(), Decision.of(Action.RETURN, " "), outSchool));
        assertEquals("comment", noComment.field());

        WorkflowCase returned = workflows.act(started.id(), Decision.of(Action.RETURN, "请补充户籍证明"), outSchool);
        assertEquals(CaseStatus.RETURNED, returned.status());
        PendingStep correction = returned.pending().orElseThrow();
        assertTrue(correction.isCorrection());
        assertEquals(Optional.of("li.teacher"), correction.applicant());
        assertEquals(1, workflows.todoCount(applicant));
        assertEquals(0, workflows.todoCount(outSchool));

        WorkflowProblem notYet = assertThrows(WorkflowProblem.class,
                () -> workflows.act(started.id(), Decision.of(Action.APPROVE, ""), outSchool));
        assertEquals(WorkflowProblem.Kind.CONFLICT, notYet.kind());
        WorkflowProblem notTheirs = assertThrows(WorkflowProblem.class,
                () -> workflows.act(started.id(), Decision.of(Action.RESUBMIT, ""), inSchool));
        assertEquals(WorkflowProblem.Kind.FORBIDDEN, notTheirs.kind());
        assertTrue(notTheirs.getMessage().contains("the applicant li.teacher"), notTheirs.getMessage());

        WorkflowCase resubmitted = workflows.act(started.id(), new Decision(Action.RESUBMIT, "已补充", Optional.empty(),
                Optional.of("随父母工作调动，已附户籍证明")), applicant);
        assertEquals(CaseStatus.IN_REVIEW, resubmitted.status());
        assertEquals("transfer-out-school", resubmitted.pending().orElseThrow().stepId());
        assertEquals("随父母工作调动，已附户籍证明", resubmitted.reason());
        assertEquals(0, workflows.todoCount(applicant));
        assertEquals(1, workflows.todoCount(outSchool));
        assertTrue(events.topics().containsAll(List.of(Transition.RETURNED.topic(), Transition.RESUBMITTED.topic())));
    }

    @Test
    void aRejectionNeedsAReasonAndClosesTheCase() {
        WorkflowCase started = transfer(DESTINATION);
        WorkflowProblem noReason = assertThrows(WorkflowProblem.class,
                () -> workflows.act(started.id(), Decision.of(Action.REJECT, ""), inSchool));
        assertEquals(WorkflowProblem.Kind.INVALID, noReason.kind());
        WorkflowCase rejected = workflows.act(started.id(), Decision.of(Action.REJECT, "学位已满"), inSchool);
        assertEquals(CaseStatus.REJECTED, rejected.status());
        assertTrue(rejected.pending().isEmpty());
        assertEquals(0, workflows.todoCount(inSchool));
        Event event = events.events.get(events.events.size() - 1);
        assertEquals(Transition.REJECTED.topic(), event.getTopic());
        assertEquals("学位已满", event.getProperty(Transition.PROPERTY_COMMENT));
        WorkflowProblem closed = assertThrows(WorkflowProblem.class,
                () -> workflows.act(started.id(), Decision.of(Action.APPROVE, ""), inSchool));
        assertEquals(WorkflowProblem.Kind.CONFLICT, closed.kind());
    }

    @Test
    void onlyHoldersOfTheStepsRoleAtItsOrgOrAboveMayActAndTheRefusalSaysWho() {
        WorkflowCase started = transfer(DESTINATION);
        for (Actor wrong : List.of(outSchool, inDistrict, actor("sibling.admin", "school-admin@/37/3709/370982/3709820008"),
                actor("a.teacher", "teacher@" + DESTINATION))) {
            WorkflowProblem refused = assertThrows(WorkflowProblem.class,
                    () -> workflows.act(started.id(), Decision.of(Action.APPROVE, ""), wrong), wrong.name());
            assertEquals(WorkflowProblem.Kind.FORBIDDEN, refused.kind());
            assertTrue(refused.getMessage().contains("holders of the role school-admin at " + DESTINATION + " or at an org above it"),
                    refused.getMessage());
        }
        Actor cityWide = actor("city.admin", "school-admin@/37/3709");
        assertEquals(1, workflows.todoCount(cityWide), "a school-admin grant above the school covers it");
        assertEquals("transfer-out-school", workflows.act(started.id(), Decision.of(Action.APPROVE, ""), cityWide)
                .pending().orElseThrow().stepId());
    }

    @Test
    void twoApproversCannotBothTakeOneStep() throws Exception {
        WorkflowCase started = transfer(DESTINATION);
        WorkflowCase approved = workflows.act(started.id(), new Decision(Action.APPROVE, "", Optional.of(started.version()),
                Optional.empty()), inSchool);
        WorkflowProblem stale = assertThrows(WorkflowProblem.class, () -> workflows.act(started.id(),
                new Decision(Action.APPROVE, "", Optional.of(started.version()), Optional.empty()), outSchool));
        assertEquals("version", stale.field());

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Actor admin = actor("out.admin" + i, "school-admin@" + SCHOOL);
                attempts.add(() -> {
                    try {
                        workflows.act(started.id(), Decision.of(Action.APPROVE, ""), admin);
                        return true;
                    } catch (WorkflowProblem e) {
                        return false;
                    }
                });
            }
            int won = 0;
            for (Future<Boolean> attempt : pool.invokeAll(attempts)) {
                won += attempt.get() ? 1 : 0;
            }
            assertEquals(1, won, "exactly one of eight administrators acting at once wins the step");
        } finally {
            pool.shutdownNow();
        }
        CaseHistory history = workflows.history(started.id());
        assertEquals(2, history.entries().stream().filter(entry -> entry.transition() == Transition.STEP_APPROVED).count());
        assertEquals(approved.version() + 1, history.current().version());
    }

    @Test
    void anOverdueStepEscalatesUpTheTreeAsTheClockMovesAndStopsAtTheProvince() {
        WorkflowCase started = transfer(DESTINATION);
        clock.advance(Duration.ofDays(2));
        assertEquals(0, workflows.escalateDue(100));
        clock.advance(Duration.ofDays(1));
        assertEquals(1, workflows.escalateDue(100));

        WorkflowCase escalated = workflows.find(started.id()).orElseThrow();
        PendingStep step = escalated.pending().orElseThrow();
        assertEquals("transfer-in-school", step.stepId());
        assertEquals(Optional.of(RoleGrant.parse("district-officer@/37/3709/370982")), step.grant());
        assertEquals(1, step.escalations());
        assertEquals(0, workflows.todoCount(inSchool));
        assertEquals(1, workflows.todoCount(inDistrict));
        assertEquals(Transition.ESCALATED.topic(), events.topics().get(events.topics().size() - 1));
        HistoryEntry entry = workflows.history(started.id()).entries().get(1);
        assertEquals(JdbcWorkflows.SYSTEM, entry.actor());
        assertTrue(entry.comment().contains("3 days"), entry.comment());

        assertEquals(0, workflows.escalateDue(100), "not due again until its new time limit runs out");
        clock.advance(Duration.ofDays(3));
        assertEquals(1, workflows.escalateDue(100));
        assertEquals(Optional.of(RoleGrant.parse("city-officer@/37/3709")), workflows.find(started.id()).orElseThrow().pending()
                .orElseThrow().grant());
        clock.advance(Duration.ofDays(3));
        workflows.escalateDue(100);
        assertEquals(Optional.of(RoleGrant.parse("province-officer@/37")), workflows.find(started.id()).orElseThrow().pending()
                .orElseThrow().grant());
        clock.advance(Duration.ofDays(3));
        assertEquals(0, workflows.escalateDue(100), "there is nothing above the province");
        PendingStep top = workflows.find(started.id()).orElseThrow().pending().orElseThrow();
        assertTrue(top.dueAt().isEmpty(), "it stays with the province, no longer due");
        assertEquals("transfer-out-school", workflows.act(started.id(), Decision.of(Action.APPROVE, ""),
                actor("prov", "province-officer@/37")).pending().orElseThrow().stepId());
    }

    @Test
    void twoNodesEscalatingAtOnceEscalateEachStepOnce() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(transfer(DESTINATION).id());
        }
        clock.advance(Duration.ofDays(4));
        JdbcWorkflows otherNode = new JdbcWorkflows(dataSource, events, clock);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = pool.submit(() -> workflows.escalateDue(100));
            Future<Integer> second = pool.submit(() -> otherNode.escalateDue(100));
            assertEquals(20, first.get() + second.get());
        } finally {
            pool.shutdownNow();
        }
        for (long id : ids) {
            assertEquals(1, workflows.history(id).entries().stream().filter(entry -> entry.transition() == Transition.ESCALATED).count());
        }
    }

    @Test
    void toDosPageOldestFirstAndCountPerUser() {
        for (int i = 0; i < 3; i++) {
            transfer(DESTINATION);
        }
        WorkflowCase suspension = workflows.start(new NewCase(SuspensionWorkflow.ID, "s100", "王五", OrgPath.of(SCHOOL), Optional.empty(),
                "因病休学"), actor("class.teacher", "teacher@" + SCHOOL));
        assertEquals(3, workflows.todoCount(inSchool));
        assertEquals(1, workflows.todoCount(outSchool));
        assertEquals(0, workflows.todoCount(applicant));
        List<Todo> first = workflows.todos(inSchool, 0, 2);
        assertEquals(2, first.size());
        assertTrue(first.get(0).step().id() < first.get(1).step().id());
        assertEquals("省内转学", first.get(0).definition().nameZh());
        List<Todo> rest = workflows.todos(inSchool, first.get(1).step().id(), 2);
        assertEquals(1, rest.size());
        assertEquals(suspension.id(), workflows.todos(outSchool, 0, 10).get(0).workflowCase().id());
        Actor province = actor("prov", "school-admin@/");
        assertEquals(4, workflows.todoCount(province), "a grant at the root covers every school");
    }

    @Test
    void casesListNewestFirstFilteredByStatusWorkflowAndOrg() {
        WorkflowCase a = transfer(DESTINATION);
        WorkflowCase b = workflows.start(new NewCase(SuspensionWorkflow.ID, "s100", "王五", OrgPath.of("/37/3702/370202/3702020001"),
                Optional.empty(), "因病休学"), actor("t", "teacher@/37/3702/370202/3702020001"));
        workflows.act(a.id(), Decision.of(Action.REJECT, "学位已满"), inSchool);
        assertEquals(List.of(b.id(), a.id()), workflows.cases(CaseQuery.latest(10)).stream().map(WorkflowCase::id).toList());
        assertEquals(List.of(a.id()), workflows.cases(new CaseQuery(Optional.of(CaseStatus.REJECTED), Optional.empty(), Optional.empty(),
                0, 10)).stream().map(WorkflowCase::id).toList());
        assertEquals(List.of(b.id()), workflows.cases(new CaseQuery(Optional.empty(), Optional.of(SuspensionWorkflow.ID),
                Optional.empty(), 0, 10)).stream().map(WorkflowCase::id).toList());
        assertEquals(List.of(a.id()), workflows.cases(new CaseQuery(Optional.empty(), Optional.empty(), Optional.of(OrgPath.of("/37/3709")),
                0, 10)).stream().map(WorkflowCase::id).toList(), "found by its destination");
        assertEquals(List.of(a.id()), workflows.cases(new CaseQuery(Optional.empty(), Optional.empty(), Optional.empty(), b.id(), 10))
                .stream().map(WorkflowCase::id).toList());
    }

    @Test
    void badStartsSayWhatIsWrong() {
        assertEquals("definition", startProblem(new NewCase("nope", "s1", "张三", OrgPath.of(SCHOOL), Optional.empty(), "r")).field());
        assertEquals("destination", startProblem(new NewCase(StudentTransferWorkflow.ID, "s1", "张三", OrgPath.of(SCHOOL),
                Optional.empty(), "r")).field());
        assertEquals("destination", startProblem(new NewCase(StudentTransferWorkflow.ID, "s1", "张三", OrgPath.of(SCHOOL),
                Optional.of(OrgPath.of(SCHOOL)), "r")).field());
        assertEquals("school", startProblem(new NewCase(SuspensionWorkflow.ID, "s1", "张三", OrgPath.of("/37/3701"),
                Optional.empty(), "r")).field());
        assertEquals("reason", startProblem(new NewCase(SuspensionWorkflow.ID, "s1", "张三", OrgPath.of(SCHOOL),
                Optional.empty(), " ")).field());
        assertFalse(workflows.cases(CaseQuery.latest(10)).iterator().hasNext(), "nothing half-written");
    }

    private WorkflowProblem startProblem(NewCase request) {
        WorkflowProblem problem = assertThrows(WorkflowProblem.class, () -> workflows.start(request, applicant));
        assertEquals(WorkflowProblem.Kind.INVALID, problem.kind());
        return problem;
    }

    @Test
    void aRecordCorrectionNeedsItsEffectWhichChecksItAtTheStartAndCarriesItOutWithinTheApproval() {
        Actor student = actor("wang.student", "student@" + SCHOOL);
        java.util.Map<String, String> details = RecordCorrectionWorkflow.details(List.of(new RecordCorrectionWorkflow.Correction(
                RecordCorrectionWorkflow.Field.ADDRESS, "旧址", "济南市历下区文化东路1号")));
        NewCase request = new NewCase(RecordCorrectionWorkflow.ID, "person-1", "王同学", OrgPath.of(SCHOOL), Optional.empty(), "搬家了",
                details);
        WorkflowProblem noEffect = assertThrows(WorkflowProblem.class, () -> workflows.start(request, student));
        assertEquals(WorkflowProblem.Kind.CONFLICT, noEffect.kind());

        RecordingEffect effect = new RecordingEffect();
        workflows.addEffect(effect);
        effect.refuseCheck = true;
        assertThrows(WorkflowProblem.class, () -> workflows.start(request, student));
        assertTrue(workflows.cases(CaseQuery.latest(10)).isEmpty(), "a refused check writes nothing");
        effect.refuseCheck = false;

        WorkflowCase started = workflows.start(request, student);
        assertEquals(details, started.details());
        assertEquals(List.of("address", "address.was"), List.copyOf(workflows.find(started.id()).orElseThrow().details().keySet()));
        assertEquals(1, effect.checked);
        assertEquals(details, workflows.todos(outSchool, 0, 10).get(0).workflowCase().details());
        assertEquals(List.of(started.id()), workflows.cases(CaseQuery.appliedFor("wang.student", RecordCorrectionWorkflow.ID, 10))
                .stream().map(WorkflowCase::id).toList());
        assertTrue(workflows.cases(CaseQuery.appliedFor("someone.else", RecordCorrectionWorkflow.ID, 10)).isEmpty());

        effect.refuseApply = true;
        WorkflowProblem refused = assertThrows(WorkflowProblem.class, () -> workflows.act(started.id(), Decision.of(Action.APPROVE, ""),
                outSchool));
        assertEquals("address", refused.field());
        WorkflowCase still = workflows.find(started.id()).orElseThrow();
        assertEquals(CaseStatus.IN_REVIEW, still.status(), "the approval was not kept");
        assertEquals(started.version(), still.version());
        assertEquals(1, workflows.todoCount(outSchool), "still the administrator's to-do");

        effect.refuseApply = false;
        WorkflowCase done = workflows.act(started.id(), Decision.of(Action.APPROVE, "已核实"), outSchool);
        assertEquals(CaseStatus.COMPLETED, done.status());
        assertEquals("out.admin", effect.appliedBy);
        assertEquals(details, effect.applied.details());

        workflows.removeEffect(effect);
        assertThrows(WorkflowProblem.class, () -> workflows.start(request, student), "gone with its effect");
    }

    @Test
    void detailsAreCheckedBeforeAnythingIsWritten() {
        NewCase badName = new NewCase(SuspensionWorkflow.ID, "s1", "李同学", OrgPath.of(SCHOOL), Optional.empty(), "因病",
                java.util.Map.of("1st", "x"));
        assertEquals("details", assertThrows(WorkflowProblem.class, () -> workflows.start(badName, outSchool)).field());
        NewCase tooLong = new NewCase(SuspensionWorkflow.ID, "s1", "李同学", OrgPath.of(SCHOOL), Optional.empty(), "因病",
                java.util.Map.of("note", "x".repeat(1001)));
        assertEquals("details.note", assertThrows(WorkflowProblem.class, () -> workflows.start(tooLong, outSchool)).field());
        assertTrue(workflows.cases(CaseQuery.latest(10)).isEmpty());
    }

    /** An effect that records what it was asked and refuses on demand. */
    private static final class RecordingEffect implements CaseEffect {
        volatile boolean refuseCheck;
        volatile boolean refuseApply;
        int checked;
        WorkflowCase applied;
        String appliedBy;

        @Override
        public String definitionId() {
            return RecordCorrectionWorkflow.ID;
        }

        @Override
        public void check(NewCase request, Actor applicant) {
            if (refuseCheck) {
                throw new WorkflowProblem(WorkflowProblem.Kind.INVALID, "subject", "no such person");
            }
            checked++;
        }

        @Override
        public void apply(WorkflowCase approved, Actor approver) {
            if (refuseApply) {
                throw new WorkflowProblem(WorkflowProblem.Kind.INVALID, "address", "the record refused it");
            }
            applied = approved;
            appliedBy = approver.name();
        }
    }

    private WorkflowCase transfer(String destination) {
        return workflows.start(new NewCase(StudentTransferWorkflow.ID, "G370102200801010011", "张三", OrgPath.of(SCHOOL),
                Optional.of(OrgPath.of(destination)), "随父母工作调动"), applicant);
    }

    static Actor actor(String name, String... grants) {
        return new Actor(name, java.util.Arrays.stream(grants).map(RoleGrant::parse).toList(), Optional.of("10.0.0.9"));
    }
}
