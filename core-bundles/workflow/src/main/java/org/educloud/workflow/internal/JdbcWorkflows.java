package org.educloud.workflow.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.persistence.SchemaMigrations;
import org.educloud.workflow.Action;
import org.educloud.workflow.CaseEffect;
import org.educloud.workflow.Actor;
import org.educloud.workflow.CaseHistory;
import org.educloud.workflow.CaseQuery;
import org.educloud.workflow.CaseStatus;
import org.educloud.workflow.CrossProvinceTransferWorkflow;
import org.educloud.workflow.Decision;
import org.educloud.workflow.Escalation;
import org.educloud.workflow.HistoryEntry;
import org.educloud.workflow.NewCase;
import org.educloud.workflow.PendingStep;
import org.educloud.workflow.RecordCorrectionWorkflow;
import org.educloud.workflow.ResumptionWorkflow;
import org.educloud.workflow.StepDefinition;
import org.educloud.workflow.StudentTransferWorkflow;
import org.educloud.workflow.SuspensionWorkflow;
import org.educloud.workflow.Todo;
import org.educloud.workflow.Transition;
import org.educloud.workflow.WorkflowCase;
import org.educloud.workflow.WorkflowDefinition;
import org.educloud.workflow.WorkflowProblem;
import org.educloud.workflow.WorkflowProblem.Kind;
import org.educloud.workflow.Workflows;
import org.educloud.workflow.internal.CaseEvents.Announcement;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;

/**
 * The workflows in {@code wf_case}, {@code wf_step} and {@code wf_history}. Acting on a step is
 * claimed with a conditional update of its row ({@code WHERE status = 'PENDING'}) and the case's
 * version ({@code WHERE version = ?}) in one transaction: of two approvers (or an approver and the
 * escalation on another node) acting at once, one wins and the other gets a conflict.
 */
@Component(service = {Workflows.class, JdbcWorkflows.class})
public final class JdbcWorkflows implements Workflows {

    /** The actor named in the history for what the kernel does by itself. */
    static final String SYSTEM = "system:escalation";
    static final int MAX_TEXT = 1000;
    static final int MAX_DETAILS = 60;
    private static final Pattern DETAIL_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9._-]{0,63}");
    /** Workflows whose approval changes something elsewhere: never started or completed without their {@link CaseEffect}. */
    private static final Set<String> NEED_EFFECT = Set.of(RecordCorrectionWorkflow.ID);
    private static final String SELECT_CASE = "SELECT c.id, c.definition_id, c.subject, c.subject_name, c.school_org, "
            + "c.destination_org, c.applicant, c.reason, c.status, c.version, c.started_at, c.updated_at, s.id, s.step_index, "
            + "s.step_id, s.role, s.org_path, s.assignee_user, s.due_at, s.escalations, s.created_at ";
    private static final String FROM_CASE = "FROM wf_case c LEFT JOIN wf_step s ON s.case_id = c.id AND s.status = 'PENDING' ";

    private final DataSource dataSource;
    private final CaseEvents events;
    private final Clock clock;
    private final Map<String, WorkflowDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, CaseEffect> effects = new ConcurrentHashMap<>();

    @Activate
    public JdbcWorkflows(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "eventAdmin") EventAdmin eventAdmin) {
        this(dataSource, eventAdmin, Clock.systemUTC());
    }

    JdbcWorkflows(DataSource dataSource, EventAdmin eventAdmin, Clock clock) {
        this.dataSource = dataSource;
        this.events = new CaseEvents(eventAdmin);
        this.clock = clock;
        for (WorkflowDefinition definition : List.of(StudentTransferWorkflow.definition(), CrossProvinceTransferWorkflow.definition(),
                SuspensionWorkflow.definition(), ResumptionWorkflow.definition(), RecordCorrectionWorkflow.definition())) {
            definitions.put(definition.id(), definition);
        }
    }

    /** An effect registered for a workflow (the latest one wins). */
    @Reference(name = "effects", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEffect(CaseEffect effect) {
        effects.put(effect.definitionId(), effect);
    }

    void removeEffect(CaseEffect effect) {
        effects.remove(effect.definitionId(), effect);
    }

    @Override
    public List<WorkflowDefinition> definitions() {
        return List.copyOf(definitions.values());
    }

    @Override
    public Optional<WorkflowDefinition> definition(String id) {
        return Optional.ofNullable(id == null ? null : definitions.get(id));
    }

    @Override
    public WorkflowCase start(NewCase request, Actor applicant) {
        WorkflowDefinition definition = definition(request.definitionId()).orElseThrow(() -> new WorkflowProblem(Kind.INVALID,
                "definition", "workflow '" + request.definitionId() + "' does not exist; known: " + String.join(", ", definitions.keySet())));
        String subject = text(request.subject(), "subject", 64, "the student's username or registry number (学籍号)");
        String subjectName = text(request.subjectName(), "subjectName", 100, "the student's name");
        String reason = text(request.reason(), "reason", MAX_TEXT, "why the case is made (转学原因, 休学原因...)");
        requireSchool(request.school(), "school");
        if (definition.needsDestination()) {
            OrgPath destination = request.destination().orElseThrow(() -> new WorkflowProblem(Kind.INVALID, "destination",
                    definition.id() + " needs the destination school: give its path, e.g. /37/3702/370202/3702020003"));
            requireSchool(destination, "destination");
            if (destination.equals(request.school())) {
                throw new WorkflowProblem(Kind.INVALID, "destination", "the destination school is the student's own school "
                        + request.school() + ": give the school the student moves to");
            }
        }
        Optional<OrgPath> destination = definition.needsDestination() ? request.destination() : Optional.empty();
        checkDetails(request.details());
        effect(definition.id()).ifPresent(effect -> effect.check(request, applicant));
        RoleGrant first = grantOf(definition.step(0), request.school(), destination);
        Instant now = clock.instant();
        long id = Transactions.inTransaction(dataSource, connection -> {
            long caseId;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wf_case (definition_id, subject, subject_name, "
                    + "school_org, destination_org, applicant, reason, status, version, started_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, definition.id());
                insert.setString(2, subject);
                insert.setString(3, subjectName);
                insert.setString(4, request.school().value());
                insert.setString(5, destination.map(OrgPath::value).orElse(null));
                insert.setString(6, applicant.name());
                insert.setString(7, reason);
                insert.setString(8, CaseStatus.IN_REVIEW.name());
                insert.setTimestamp(9, Timestamp.from(now));
                insert.setTimestamp(10, Timestamp.from(now));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    caseId = keys.getLong(1);
                }
            }
            insertDetails(connection, caseId, request.details());
            insertReview(connection, caseId, 0, definition.step(0), first, 0, now);
            history(connection, caseId, now, applicant.name(), Transition.STARTED, definition.step(0).id(), first.org().value(),
                    applicant.address(), reason);
            return caseId;
        });
        WorkflowCase started = find(id).orElseThrow();
        events.post(started, List.of(new Announcement(Transition.STARTED, applicant.name(), Optional.of(definition.step(0).id()),
                Optional.of(first), "")));
        return started;
    }

    @Override
    public WorkflowCase act(long caseId, Decision decision, Actor actor) {
        WorkflowCase current = existing(caseId);
        if (current.status().closed()) {
            throw new WorkflowProblem(Kind.CONFLICT, "action", "case " + caseId + " is already " + current.status()
                    + "; nothing more can be decided on it");
        }
        if (decision.expectedVersion().isPresent() && decision.expectedVersion().get() != current.version()) {
            throw new WorkflowProblem(Kind.CONFLICT, "version", "case " + caseId + " has changed since you read it (you saw version "
                    + decision.expectedVersion().get() + ", it is now " + current.version() + "): reload it and decide again");
        }
        PendingStep pending = current.pending().orElseThrow(() -> new IllegalStateException("case " + caseId + " is "
                + current.status() + " but has no pending step"));
        requireFits(decision.action(), pending, caseId);
        if (!pending.isFor(actor)) {
            throw new WorkflowProblem(Kind.FORBIDDEN, null, "You (" + actor.name() + ") may not " + decision.action().name()
                    .toLowerCase(java.util.Locale.ROOT) + " case " + caseId + ": its step " + pending.nameZh() + " (" + pending.stepId()
                    + ") is for " + pending.whoMayAct() + ", and your roles " + actor.grants() + " do not include that.");
        }
        String comment = decision.comment();
        if (comment.length() > MAX_TEXT) {
            throw new WorkflowProblem(Kind.INVALID, "comment", "the comment has " + comment.length() + " characters; at most " + MAX_TEXT);
        }
        if (comment.isEmpty() && (decision.action() == Action.REJECT || decision.action() == Action.RETURN)) {
            throw new WorkflowProblem(Kind.INVALID, "comment", decision.action() == Action.REJECT
                    ? "a rejection needs the reason in comment: the applicant sees it"
                    : "a return for correction needs comment saying what to correct");
        }
        String reason = decision.reason().isPresent() && decision.action() == Action.RESUBMIT
                ? text(decision.reason().get(), "reason", MAX_TEXT, "the corrected reason") : current.reason();
        WorkflowDefinition definition = definitionOf(current);
        Instant now = clock.instant();
        List<Announcement> announcements = Transactions.inTransaction(dataSource, connection -> {
            claim(connection, pending.id(), stepStatusAfter(decision.action()), actor.name(), now, caseId);
            List<Announcement> said = new ArrayList<>();
            CaseStatus status = switch (decision.action()) {
                case APPROVE -> approve(connection, current, definition, pending, actor, comment, now, said);
                case REJECT -> {
                    said.add(new Announcement(Transition.REJECTED, actor.name(), Optional.of(pending.stepId()), pending.grant(), comment));
                    yield CaseStatus.REJECTED;
                }
                case RETURN -> {
                    insertCorrection(connection, caseId, pending, current.applicant(), now);
                    said.add(new Announcement(Transition.RETURNED, actor.name(), Optional.of(pending.stepId()), pending.grant(), comment));
                    yield CaseStatus.RETURNED;
                }
                case RESUBMIT -> {
                    StepDefinition step = definition.step(pending.index());
                    RoleGrant grant = grantOf(step, current.school(), current.destination());
                    insertReview(connection, caseId, pending.index(), step, grant, 0, now);
                    said.add(new Announcement(Transition.RESUBMITTED, actor.name(), Optional.of(step.id()), Optional.of(grant), comment));
                    yield CaseStatus.IN_REVIEW;
                }
            };
            advanceCase(connection, caseId, current.version(), status, reason, now);
            for (Announcement announcement : said) {
                history(connection, caseId, now, announcement.actor(), announcement.transition(), announcement.step().orElse(null),
                        announcement.grant().map(grant -> grant.org().value()).orElse(null), actor.address(), announcement.comment());
            }
            return said;
        });
        WorkflowCase after = existing(caseId);
        events.post(after, announcements);
        return after;
    }

    /**
     * Escalates every pending step whose time ran out by {@code now}, at most {@code limit}; each is
     * claimed with a conditional update, so several kernel nodes running this at once escalate each
     * step once.
     *
     * @return how many steps escalated
     */
    int escalateDue(int limit) {
        Instant now = clock.instant();
        List<Long> due = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT id FROM wf_step WHERE status = 'PENDING' "
                     + "AND due_at IS NOT NULL AND due_at <= ? ORDER BY due_at LIMIT ?")) {
            query.setTimestamp(1, Timestamp.from(now));
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    due.add(rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the workflow database is unavailable: " + e.getMessage(), e);
        }
        int escalated = 0;
        for (long stepId : due) {
            if (escalate(stepId, now)) {
                escalated++;
            }
        }
        return escalated;
    }

    private boolean escalate(long stepId, Instant now) {
        Optional<WorkflowCase> owner = caseOfStep(stepId);
        if (owner.isEmpty() || owner.get().pending().map(PendingStep::id).orElse(-1L) != stepId) {
            return false; // acted on since the query
        }
        WorkflowCase current = owner.get();
        PendingStep pending = current.pending().orElseThrow();
        WorkflowDefinition definition = definitionOf(current);
        StepDefinition step = definition.step(pending.index());
        Escalation rule = step.escalation();
        Optional<RoleGrant> named = rule.to().map(assignee -> new RoleGrant(assignee.role(),
                assignee.org().resolve(current.school(), current.destination())));
        Optional<RoleGrant> target = EscalationTarget.next(pending.grant().orElseThrow(), rule, named);
        Announcement said = Transactions.inTransaction(dataSource, connection -> {
            if (target.isEmpty()) {
                // Nowhere to go: keep it pending without a deadline, so it is not picked up again and again.
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE wf_step SET due_at = NULL WHERE id = ? AND status = 'PENDING' AND due_at <= ?")) {
                    update.setLong(1, stepId);
                    update.setTimestamp(2, Timestamp.from(now));
                    update.executeUpdate();
                }
                return null;
            }
            try (PreparedStatement claim = connection.prepareStatement("UPDATE wf_step SET status = 'ESCALATED', acted_by = ?, "
                    + "acted_at = ? WHERE id = ? AND status = 'PENDING' AND due_at <= ?")) {
                claim.setString(1, SYSTEM);
                claim.setTimestamp(2, Timestamp.from(now));
                claim.setLong(3, stepId);
                claim.setTimestamp(4, Timestamp.from(now));
                if (claim.executeUpdate() == 0) {
                    return null; // another node, or a reviewer, got there first
                }
            }
            insertReview(connection, current.id(), pending.index(), step, target.get(), pending.escalations() + 1, now);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE wf_case SET version = version + 1, updated_at = ? WHERE id = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setLong(2, current.id());
                update.executeUpdate();
            }
            String comment = "time limit of " + describe(step.timeLimit()) + " ran out with " + pending.grant().orElseThrow()
                    + "; now with " + target.get();
            history(connection, current.id(), now, SYSTEM, Transition.ESCALATED, step.id(), target.get().org().value(),
                    Optional.empty(), comment);
            return new Announcement(Transition.ESCALATED, SYSTEM, Optional.of(step.id()), target, comment);
        });
        if (said == null) {
            return false;
        }
        events.post(existing(current.id()), List.of(said));
        return true;
    }

    @Override
    public Optional<WorkflowCase> find(long caseId) {
        List<WorkflowCase> found = query(SELECT_CASE + FROM_CASE + "WHERE c.id = ?", List.of(caseId));
        return found.stream().findFirst();
    }

    @Override
    public CaseHistory history(long caseId) {
        WorkflowCase current = existing(caseId);
        List<HistoryEntry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT at, actor, transition, step_id, org_path, address, comment "
                     + "FROM wf_history WHERE case_id = ? ORDER BY id")) {
            query.setLong(1, caseId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(new HistoryEntry(rows.getTimestamp(1).toInstant(), rows.getString(2), Transition.valueOf(rows.getString(3)),
                            Optional.ofNullable(rows.getString(4)), Optional.ofNullable(rows.getString(5)),
                            Optional.ofNullable(rows.getString(6)), rows.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the workflow database is unavailable: " + e.getMessage(), e);
        }
        return new CaseHistory(current, entries);
    }

    @Override
    public List<WorkflowCase> cases(CaseQuery query) {
        StringBuilder sql = new StringBuilder(SELECT_CASE + FROM_CASE + "WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        query.status().ifPresent(status -> {
            sql.append(" AND c.status = ?");
            parameters.add(status.name());
        });
        query.definitionId().ifPresent(id -> {
            sql.append(" AND c.definition_id = ?");
            parameters.add(id);
        });
        query.applicant().ifPresent(applicant -> {
            sql.append(" AND c.applicant = ?");
            parameters.add(applicant);
        });
        query.within().filter(org -> !org.equals(OrgPath.ROOT)).ifPresent(org -> {
            sql.append(" AND (c.school_org = ? OR c.school_org LIKE ? OR c.destination_org = ? OR c.destination_org LIKE ?)");
            parameters.addAll(List.of(org.value(), below(org), org.value(), below(org)));
        });
        if (query.beforeId() > 0) {
            sql.append(" AND c.id < ?");
            parameters.add(query.beforeId());
        }
        sql.append(" ORDER BY c.id DESC LIMIT ?");
        parameters.add(query.limit());
        return query(sql.toString(), parameters);
    }

    @Override
    public List<Todo> todos(Actor actor, long afterStepId, int limit) {
        List<Object> parameters = new ArrayList<>();
        String match = todoMatch(actor, parameters);
        parameters.add(0, afterStepId);
        parameters.add(limit);
        List<WorkflowCase> cases = query(SELECT_CASE + "FROM wf_step s JOIN wf_case c ON c.id = s.case_id "
                + "WHERE s.status = 'PENDING' AND s.id > ? AND (" + match + ") ORDER BY s.id LIMIT ?", parameters);
        return cases.stream().map(found -> new Todo(found.pending().orElseThrow(), found, definitionOf(found))).toList();
    }

    @Override
    public long todoCount(Actor actor) {
        List<Object> parameters = new ArrayList<>();
        String match = todoMatch(actor, parameters);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM wf_step s WHERE s.status = 'PENDING' AND ("
                     + match + ")")) {
            bind(query, parameters);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the workflow database is unavailable: " + e.getMessage(), e);
        }
    }

    /** Steps for a role the actor holds at the step's org or above it (so the org is the grant's or below), or their corrections. */
    private static String todoMatch(Actor actor, List<Object> parameters) {
        StringBuilder match = new StringBuilder("s.assignee_user = ?");
        parameters.add(actor.name());
        Set<RoleGrant> grants = new LinkedHashSet<>(actor.grants());
        for (RoleGrant grant : grants) {
            if (grant.org().equals(OrgPath.ROOT)) {
                match.append(" OR s.role = ?");
                parameters.add(grant.role());
            } else {
                match.append(" OR (s.role = ? AND (s.org_path = ? OR s.org_path LIKE ?))");
                parameters.addAll(List.of(grant.role(), grant.org().value(), below(grant.org())));
            }
        }
        return match.toString();
    }

    /** A LIKE pattern for every path below {@code org}; {@code _} is a LIKE wildcard and may be in an org id. */
    static String below(OrgPath org) {
        return org.value().replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "/%";
    }

    private CaseStatus approve(Connection connection, WorkflowCase current, WorkflowDefinition definition, PendingStep pending,
            Actor actor, String comment, Instant now, List<Announcement> said) throws SQLException {
        said.add(new Announcement(Transition.STEP_APPROVED, actor.name(), Optional.of(pending.stepId()), pending.grant(), comment));
        RoleGrant approvedAs = grantOf(definition.step(pending.index()), current.school(), current.destination());
        int next = pending.index() + 1;
        // The same role at the same org as the step just approved would be the same people approving twice.
        while (next < definition.steps().size()
                && grantOf(definition.step(next), current.school(), current.destination()).equals(approvedAs)) {
            next++;
        }
        if (next >= definition.steps().size()) {
            // Carried out while this approval's claim on the step is held and before it commits: if it fails, nothing of it stays.
            effect(definition.id()).ifPresent(effect -> effect.apply(current, actor));
            said.add(new Announcement(Transition.COMPLETED, actor.name(), Optional.empty(), Optional.empty(), ""));
            return CaseStatus.COMPLETED;
        }
        StepDefinition step = definition.step(next);
        insertReview(connection, current.id(), next, step, grantOf(step, current.school(), current.destination()), 0, now);
        return CaseStatus.IN_REVIEW;
    }

    private static void requireFits(Action action, PendingStep pending, long caseId) {
        if (pending.isCorrection() && action != Action.RESUBMIT) {
            throw new WorkflowProblem(Kind.CONFLICT, "action", "case " + caseId + " was returned to the applicant for correction: "
                    + "the applicant resubmits it (action resubmit), then reviewers decide again");
        }
        if (!pending.isCorrection() && action == Action.RESUBMIT) {
            throw new WorkflowProblem(Kind.CONFLICT, "action", "case " + caseId + " is in review at step " + pending.stepId()
                    + ", not returned: only approve, reject or return apply");
        }
    }

    private static String stepStatusAfter(Action action) {
        return switch (action) {
            case APPROVE -> "APPROVED";
            case REJECT -> "REJECTED";
            case RETURN -> "RETURNED";
            case RESUBMIT -> "RESUBMITTED";
        };
    }

    private static void claim(Connection connection, long stepId, String status, String actor, Instant now, long caseId)
            throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(
                "UPDATE wf_step SET status = ?, acted_by = ?, acted_at = ? WHERE id = ? AND status = 'PENDING'")) {
            claim.setString(1, status);
            claim.setString(2, actor);
            claim.setTimestamp(3, Timestamp.from(now));
            claim.setLong(4, stepId);
            if (claim.executeUpdate() == 0) {
                throw new WorkflowProblem(Kind.CONFLICT, "action", "someone else acted on this step of case " + caseId
                        + " (or it escalated) just now: reload the case to see where it stands");
            }
        }
    }

    private static void advanceCase(Connection connection, long caseId, int version, CaseStatus status, String reason, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE wf_case SET status = ?, reason = ?, "
                + "version = version + 1, updated_at = ? WHERE id = ? AND version = ?")) {
            update.setString(1, status.name());
            update.setString(2, reason);
            update.setTimestamp(3, Timestamp.from(now));
            update.setLong(4, caseId);
            update.setInt(5, version);
            if (update.executeUpdate() == 0) {
                throw new WorkflowProblem(Kind.CONFLICT, "version", "case " + caseId + " changed while your decision was saved; "
                        + "reload it and decide again");
            }
        }
    }

    private void insertReview(Connection connection, long caseId, int index, StepDefinition step, RoleGrant grant, int escalations,
            Instant now) throws SQLException {
        boolean canEscalate = step.escalation().kind() != Escalation.Kind.NONE;
        insertStep(connection, caseId, index, step.id(), grant.role(), grant.org().value(), null,
                canEscalate ? now.plus(step.timeLimit()) : null, escalations, now);
    }

    private static void insertCorrection(Connection connection, long caseId, PendingStep returned, String applicant, Instant now)
            throws SQLException {
        insertStep(connection, caseId, returned.index(), returned.stepId(), null, null, applicant, null, 0, now);
    }

    private static void insertStep(Connection connection, long caseId, int index, String stepId, String role, String org,
            String user, Instant due, int escalations, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wf_step (case_id, step_index, step_id, role, "
                + "org_path, assignee_user, status, due_at, escalations, created_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)")) {
            insert.setLong(1, caseId);
            insert.setInt(2, index);
            insert.setString(3, stepId);
            insert.setString(4, role);
            insert.setString(5, org);
            insert.setString(6, user);
            if (due == null) {
                insert.setNull(7, Types.TIMESTAMP);
            } else {
                insert.setTimestamp(7, Timestamp.from(due));
            }
            insert.setInt(8, escalations);
            insert.setTimestamp(9, Timestamp.from(now));
            insert.executeUpdate();
        }
    }

    private static void history(Connection connection, long caseId, Instant at, String actor, Transition transition, String stepId,
            String org, Optional<String> address, String comment) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wf_history (case_id, at, actor, transition, step_id, "
                + "org_path, address, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, caseId);
            insert.setTimestamp(2, Timestamp.from(at));
            insert.setString(3, actor);
            insert.setString(4, transition.name());
            insert.setString(5, stepId);
            insert.setString(6, org);
            insert.setString(7, address.map(text -> text.length() > 64 ? text.substring(0, 64) : text).orElse(null));
            insert.setString(8, comment.length() > MAX_TEXT ? comment.substring(0, MAX_TEXT) : comment);
            insert.executeUpdate();
        }
    }

    private Optional<WorkflowCase> caseOfStep(long stepId) {
        return query(SELECT_CASE + FROM_CASE + "WHERE c.id = (SELECT case_id FROM wf_step WHERE id = ?)", List.of(stepId))
                .stream().findFirst();
    }

    private WorkflowCase existing(long caseId) {
        return find(caseId).orElseThrow(() -> new WorkflowProblem(Kind.NOT_FOUND, "id", "no case " + caseId
                + ": check the id (your to-dos list the cases waiting on you)"));
    }

    private WorkflowDefinition definitionOf(WorkflowCase found) {
        return definition(found.definitionId()).orElseThrow(() -> new IllegalStateException("case " + found.id()
                + " is of the workflow " + found.definitionId() + ", which this kernel does not know"));
    }

    private static RoleGrant grantOf(StepDefinition step, OrgPath school, Optional<OrgPath> destination) {
        return new RoleGrant(step.assignee().role(), step.assignee().org().resolve(school, destination));
    }

    private static void requireSchool(OrgPath org, String field) {
        if (org.segments().size() != 4) {
            throw new WorkflowProblem(Kind.INVALID, field, "'" + org + "' is not a school: give the school's full path, "
                    + "province/city/district/school, e.g. /37/3701/370102/3701020001");
        }
    }

    /** "3 days" or "4 hours", as the history says it. */
    static String describe(java.time.Duration limit) {
        if (limit.toDays() > 0 && limit.equals(java.time.Duration.ofDays(limit.toDays()))) {
            return limit.toDays() + (limit.toDays() == 1 ? " day" : " days");
        }
        return limit.toMinutes() % 60 == 0 ? limit.toHours() + " hours" : limit.toMinutes() + " minutes";
    }

    static String text(String value, String field, int max, String what) {
        if (value == null || value.isBlank()) {
            throw new WorkflowProblem(Kind.INVALID, field, field + " is missing: give " + what);
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new WorkflowProblem(Kind.INVALID, field, field + " has " + stripped.length() + " characters; at most " + max);
        }
        return stripped;
    }

    private List<WorkflowCase> query(String sql, List<Object> parameters) {
        List<WorkflowCase> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, parameters);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(caseOf(rows));
                }
            }
            return withDetails(connection, found);
        } catch (SQLException e) {
            throw new IllegalStateException("the workflow database is unavailable: " + e.getMessage(), e);
        }
    }

    /** The cases with their details, read in one query for all of them. */
    private static List<WorkflowCase> withDetails(Connection connection, List<WorkflowCase> cases) throws SQLException {
        if (cases.isEmpty()) {
            return cases;
        }
        Map<Long, Map<String, String>> details = new java.util.HashMap<>();
        List<Long> ids = cases.stream().map(WorkflowCase::id).distinct().toList();
        try (PreparedStatement query = connection.prepareStatement("SELECT case_id, name, value FROM wf_case_detail WHERE case_id IN ("
                + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ") ORDER BY case_id, position")) {
            bind(query, new ArrayList<>(ids));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    details.computeIfAbsent(rows.getLong(1), id -> new LinkedHashMap<>()).put(rows.getString(2), rows.getString(3));
                }
            }
        }
        if (details.isEmpty()) {
            return cases;
        }
        return cases.stream().map(c -> !details.containsKey(c.id()) ? c : new WorkflowCase(c.id(), c.definitionId(), c.subject(),
                c.subjectName(), c.school(), c.destination(), c.applicant(), c.reason(), c.status(), c.pending(), c.version(),
                c.startedAt(), c.updatedAt(), details.get(c.id()))).toList();
    }

    private Optional<CaseEffect> effect(String definitionId) {
        CaseEffect effect = effects.get(definitionId);
        if (effect == null && NEED_EFFECT.contains(definitionId)) {
            throw new WorkflowProblem(Kind.CONFLICT, "definition", "the service that carries out " + definitionId + " cases (for a "
                    + "record correction, the basic data) is not running on this kernel now; try again later, or ask the operator "
                    + "to check it (GET /api/platform/v1/health)");
        }
        return Optional.ofNullable(effect);
    }

    private static void checkDetails(Map<String, String> details) {
        if (details.size() > MAX_DETAILS) {
            throw new WorkflowProblem(Kind.INVALID, "details", "a case has at most " + MAX_DETAILS + " details; these are " + details.size());
        }
        details.forEach((name, value) -> {
            if (name == null || !DETAIL_NAME.matcher(name).matches()) {
                throw new WorkflowProblem(Kind.INVALID, "details", "detail name '" + name + "' is not valid: a letter, then up to 63 "
                        + "letters, digits, '.', '_' or '-'");
            }
            if (value == null || value.length() > MAX_TEXT) {
                throw new WorkflowProblem(Kind.INVALID, "details." + name, "detail " + name + (value == null ? " has no value"
                        : " has " + value.length() + " characters; at most " + MAX_TEXT));
            }
        });
    }

    private static void insertDetails(Connection connection, long caseId, Map<String, String> details) throws SQLException {
        if (details.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO wf_case_detail (case_id, position, name, value) "
                + "VALUES (?, ?, ?, ?)")) {
            int position = 0;
            for (Map.Entry<String, String> detail : details.entrySet()) {
                insert.setLong(1, caseId);
                insert.setInt(2, position++);
                insert.setString(3, detail.getKey());
                insert.setString(4, detail.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private WorkflowCase caseOf(ResultSet rows) throws SQLException {
        String definitionId = rows.getString(2);
        Optional<PendingStep> pending = Optional.empty();
        if (rows.getObject(13) != null) {
            int index = rows.getInt(14);
            String stepId = rows.getString(15);
            Optional<StepDefinition> step = definition(definitionId).filter(found -> index < found.steps().size())
                    .map(found -> found.step(index));
            String role = rows.getString(16);
            Timestamp due = rows.getTimestamp(19);
            pending = Optional.of(new PendingStep(rows.getLong(13), index, stepId, step.map(StepDefinition::nameZh).orElse(stepId),
                    step.map(StepDefinition::nameEn).orElse(stepId),
                    role == null ? Optional.empty() : Optional.of(new RoleGrant(role, OrgPath.of(rows.getString(17)))),
                    Optional.ofNullable(rows.getString(18)), Optional.ofNullable(due).map(Timestamp::toInstant), rows.getInt(20),
                    rows.getTimestamp(21).toInstant()));
        }
        return new WorkflowCase(rows.getLong(1), definitionId, rows.getString(3), rows.getString(4), OrgPath.of(rows.getString(5)),
                Optional.ofNullable(rows.getString(6)).map(OrgPath::of), rows.getString(7), rows.getString(8),
                CaseStatus.valueOf(rows.getString(9)), pending, rows.getInt(10), rows.getTimestamp(11).toInstant(),
                rows.getTimestamp(12).toInstant());
    }
}
