package org.educloud.basedata.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.educloud.basedata.AcademicSession;
import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.Course;
import org.educloud.basedata.Curriculum;
import org.educloud.basedata.ListQuery;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Page;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** School years and terms in {@code bd_academic_session}, courses in {@code bd_course}; every write also writes its change-feed row. */
@Component(service = Curriculum.class)
public final class JdbcCurriculum implements Curriculum {

    static final String SESSIONS = "sessions";
    static final String COURSES = "courses";
    private static final Set<String> SESSION_TYPES = Set.of("schoolYear", "semester", "term", "gradingPeriod");
    private static final String SESSION_SELECT = "SELECT s.id, s.sourced_id, o.sourced_id AS org_sourced_id, s.org_path, s.title, "
            + "s.session_type, s.school_year, s.start_date, s.end_date, p.sourced_id AS parent_sourced_id, s.version, s.created_at, "
            + "s.updated_at FROM bd_academic_session s JOIN bd_org o ON o.id = s.org_id "
            + "LEFT JOIN bd_academic_session p ON p.id = s.parent_id";
    private static final String COURSE_SELECT = "SELECT c.id, c.sourced_id, o.sourced_id AS org_sourced_id, c.org_path, c.title, "
            + "c.course_code, c.subject_code, c.grade_code, s.sourced_id AS session_sourced_id, c.version, c.created_at, "
            + "c.updated_at FROM bd_course c JOIN bd_org o ON o.id = c.org_id LEFT JOIN bd_academic_session s ON s.id = c.session_id";

    private final Transactions transactions;

    @Activate
    public JdbcCurriculum(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
    }

    @Override
    public AcademicSession createSession(Caller caller, AcademicSession session) {
        String sourcedId = Rows.sourcedIdOrNew(session.sourcedId());
        check(session);
        return transactions.run(connection -> {
            JdbcOrgDirectory.Stored org = definingOrg(connection, session.orgId());
            String path = org.org().path().value();
            Access.require(caller, Access.write(SESSIONS), path);
            Long parentId = parentOf(connection, session);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bd_academic_session (sourced_id, org_id, "
                    + "org_path, title, session_type, school_year, start_date, end_date, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, sourcedId);
                insert.setLong(2, org.id());
                insert.setString(3, path);
                bindSession(insert, 4, session, parentId);
                insert.executeUpdate();
            } catch (SQLIntegrityConstraintViolationException e) {
                throw new BasedataProblem(Kind.CONFLICT, "sourcedId", "sourcedId " + sourcedId + " is taken by another session");
            }
            ChangeLog.record(connection, "academicSession", sourcedId, "create", 1, path, Access.actor(caller));
            return loadSession(connection, sourcedId).orElseThrow();
        });
    }

    @Override
    public Optional<AcademicSession> findSession(Caller caller, String sourcedId) {
        Access.readable(caller, Access.read(SESSIONS));
        return transactions.run(connection -> loadSession(connection, sourcedId))
                .filter(s -> caller.isPermitted(Access.read(SESSIONS), OrgPath.of(s.orgPath())));
    }

    @Override
    public AcademicSession updateSession(Caller caller, String sourcedId, Integer expectedVersion, AcademicSession session) {
        check(session);
        return transactions.run(connection -> {
            AcademicSession current = loadSession(connection, sourcedId)
                    .filter(s -> caller.isPermitted(Access.read(SESSIONS), OrgPath.of(s.orgPath())))
                    .orElseThrow(() -> Rows.notFound("academic session", sourcedId));
            Access.require(caller, Access.write(SESSIONS), current.orgPath());
            if (session.orgId() != null && !session.orgId().equals(current.orgId())) {
                throw new BasedataProblem(Kind.INVALID, "orgId", "a session's org cannot change; create it at the other org");
            }
            if (sourcedId.equals(session.parentId())) {
                throw new BasedataProblem(Kind.INVALID, "parentId", "a session cannot be its own parent");
            }
            Long parentId = parentOf(connection, session);
            checkVersion("academic session", sourcedId, current.version(), expectedVersion);
            try (PreparedStatement update = connection.prepareStatement("UPDATE bd_academic_session SET title = ?, session_type = ?, "
                    + "school_year = ?, start_date = ?, end_date = ?, parent_id = ?, version = version + 1, "
                    + "updated_at = CURRENT_TIMESTAMP(3) WHERE sourced_id = ? AND version = ?")) {
                int next = bindSession(update, 1, session, parentId);
                update.setString(next, sourcedId);
                update.setInt(next + 1, current.version());
                if (update.executeUpdate() == 0) {
                    throw Rows.versionMismatch("academic session", sourcedId, current.version() + 1, current.version());
                }
            }
            ChangeLog.record(connection, "academicSession", sourcedId, "update", current.version() + 1, current.orgPath(),
                    Access.actor(caller));
            return loadSession(connection, sourcedId).orElseThrow();
        });
    }

    @Override
    public void deleteSession(Caller caller, String sourcedId, Integer expectedVersion) {
        transactions.run(connection -> {
            AcademicSession current = loadSession(connection, sourcedId)
                    .filter(s -> caller.isPermitted(Access.read(SESSIONS), OrgPath.of(s.orgPath())))
                    .orElseThrow(() -> Rows.notFound("academic session", sourcedId));
            Access.require(caller, Access.write(SESSIONS), current.orgPath());
            checkVersion("academic session", sourcedId, current.version(), expectedVersion);
            delete(connection, "bd_academic_session", sourcedId, current.version(), "academic session " + sourcedId
                    + " still has terms, courses or classes; delete or move them first");
            ChangeLog.record(connection, "academicSession", sourcedId, "delete", current.version() + 1, current.orgPath(),
                    Access.actor(caller));
            return null;
        });
    }

    @Override
    public Page<AcademicSession> sessions(Caller caller, ListQuery query, String orgId) {
        Where where = new Where().within("s.org_path", Access.readable(caller, Access.read(SESSIONS)))
                .within("s.org_path", List.of(query.under())).and("s.id > ?", Rows.after(query.after()));
        if (orgId != null) {
            where.and("o.sourced_id = ?", orgId);
        }
        return transactions.run(connection -> {
            List<AcademicSession> sessions = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(SESSION_SELECT + where.sql() + " ORDER BY s.id LIMIT ?")) {
                select.setInt(where.bind(select), query.limit() + 1);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sessions.add(mapSession(rows));
                        ids.add(rows.getLong("id"));
                    }
                }
            }
            return Rows.page(sessions, ids, query.limit());
        });
    }

    @Override
    public Course createCourse(Caller caller, Course course) {
        String sourcedId = Rows.sourcedIdOrNew(course.sourcedId());
        String title = Rows.required(course.title(), "title", 100, "高中语文必修1");
        return transactions.run(connection -> {
            JdbcOrgDirectory.Stored org = definingOrg(connection, course.orgId());
            String path = org.org().path().value();
            Access.require(caller, Access.write(COURSES), path);
            JdbcClassRoster.checkGrade(connection, course.gradeCode());
            Long sessionId = JdbcClassRoster.reference(connection, "bd_academic_session", course.sessionId(), "sessionId",
                    "school year or term");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bd_course (sourced_id, org_id, org_path, title, "
                    + "course_code, subject_code, grade_code, session_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, sourcedId);
                insert.setLong(2, org.id());
                insert.setString(3, path);
                bindCourse(insert, 4, title, course, sessionId);
                insert.executeUpdate();
            } catch (SQLIntegrityConstraintViolationException e) {
                throw new BasedataProblem(Kind.CONFLICT, "sourcedId", "sourcedId " + sourcedId + " is taken by another course");
            }
            ChangeLog.record(connection, "course", sourcedId, "create", 1, path, Access.actor(caller));
            return loadCourse(connection, sourcedId).orElseThrow();
        });
    }

    @Override
    public Optional<Course> findCourse(Caller caller, String sourcedId) {
        Access.readable(caller, Access.read(COURSES));
        return transactions.run(connection -> loadCourse(connection, sourcedId))
                .filter(c -> caller.isPermitted(Access.read(COURSES), OrgPath.of(c.orgPath())));
    }

    @Override
    public Course updateCourse(Caller caller, String sourcedId, Integer expectedVersion, Course course) {
        String title = Rows.required(course.title(), "title", 100, "高中语文必修1");
        return transactions.run(connection -> {
            Course current = loadCourse(connection, sourcedId)
                    .filter(c -> caller.isPermitted(Access.read(COURSES), OrgPath.of(c.orgPath())))
                    .orElseThrow(() -> Rows.notFound("course", sourcedId));
            Access.require(caller, Access.write(COURSES), current.orgPath());
            if (course.orgId() != null && !course.orgId().equals(current.orgId())) {
                throw new BasedataProblem(Kind.INVALID, "orgId", "a course's org cannot change; create it at the other org");
            }
            JdbcClassRoster.checkGrade(connection, course.gradeCode());
            Long sessionId = JdbcClassRoster.reference(connection, "bd_academic_session", course.sessionId(), "sessionId",
                    "school year or term");
            checkVersion("course", sourcedId, current.version(), expectedVersion);
            try (PreparedStatement update = connection.prepareStatement("UPDATE bd_course SET title = ?, course_code = ?, "
                    + "subject_code = ?, grade_code = ?, session_id = ?, version = version + 1, updated_at = CURRENT_TIMESTAMP(3) "
                    + "WHERE sourced_id = ? AND version = ?")) {
                int next = bindCourse(update, 1, title, course, sessionId);
                update.setString(next, sourcedId);
                update.setInt(next + 1, current.version());
                if (update.executeUpdate() == 0) {
                    throw Rows.versionMismatch("course", sourcedId, current.version() + 1, current.version());
                }
            }
            ChangeLog.record(connection, "course", sourcedId, "update", current.version() + 1, current.orgPath(), Access.actor(caller));
            return loadCourse(connection, sourcedId).orElseThrow();
        });
    }

    @Override
    public void deleteCourse(Caller caller, String sourcedId, Integer expectedVersion) {
        transactions.run(connection -> {
            Course current = loadCourse(connection, sourcedId)
                    .filter(c -> caller.isPermitted(Access.read(COURSES), OrgPath.of(c.orgPath())))
                    .orElseThrow(() -> Rows.notFound("course", sourcedId));
            Access.require(caller, Access.write(COURSES), current.orgPath());
            checkVersion("course", sourcedId, current.version(), expectedVersion);
            delete(connection, "bd_course", sourcedId, current.version(), "course " + sourcedId
                    + " is still taught in classes; delete those classes or point them at another course first");
            ChangeLog.record(connection, "course", sourcedId, "delete", current.version() + 1, current.orgPath(), Access.actor(caller));
            return null;
        });
    }

    @Override
    public Page<Course> courses(Caller caller, ListQuery query, String orgId) {
        Where where = new Where().within("c.org_path", Access.readable(caller, Access.read(COURSES)))
                .within("c.org_path", List.of(query.under())).and("c.id > ?", Rows.after(query.after()));
        if (orgId != null) {
            where.and("o.sourced_id = ?", orgId);
        }
        return transactions.run(connection -> {
            List<Course> courses = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(COURSE_SELECT + where.sql() + " ORDER BY c.id LIMIT ?")) {
                select.setInt(where.bind(select), query.limit() + 1);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        courses.add(mapCourse(rows));
                        ids.add(rows.getLong("id"));
                    }
                }
            }
            return Rows.page(courses, ids, query.limit());
        });
    }

    private static void check(AcademicSession session) {
        Rows.required(session.title(), "title", 100, "2018学年");
        if (session.sessionType() == null || !SESSION_TYPES.contains(session.sessionType())) {
            throw new BasedataProblem(Kind.INVALID, "sessionType", "sessionType is required: schoolYear, semester, term or gradingPeriod");
        }
        if (session.schoolYear() == null || session.schoolYear() < 1950 || session.schoolYear() > 2100) {
            throw new BasedataProblem(Kind.INVALID, "schoolYear", "schoolYear is required: the year the school year starts in, e.g. 2018");
        }
        if (session.startDate() == null || session.endDate() == null) {
            throw new BasedataProblem(Kind.INVALID, session.startDate() == null ? "startDate" : "endDate",
                    "startDate and endDate are required, e.g. 2018-09-01 and 2019-07-15");
        }
        if (session.endDate().isBefore(session.startDate())) {
            throw new BasedataProblem(Kind.INVALID, "endDate", "endDate " + session.endDate() + " is before startDate " + session.startDate());
        }
        if (!"schoolYear".equals(session.sessionType()) && (session.parentId() == null || session.parentId().isBlank())) {
            throw new BasedataProblem(Kind.INVALID, "parentId", "a " + session.sessionType() + " belongs to a school year: "
                    + "give the school year's sourcedId as parentId");
        }
    }

    /** The parent's row id, after checking that it is a school year whose dates hold the session's. */
    private static Long parentOf(Connection connection, AcademicSession session) throws SQLException {
        if (session.parentId() == null || session.parentId().isBlank()) {
            return null;
        }
        AcademicSession parent = loadSession(connection, session.parentId()).orElseThrow(() -> new BasedataProblem(Kind.INVALID,
                "parentId", "parentId " + session.parentId() + " is not a session that exists; create the school year first"));
        if (!"schoolYear".equals(parent.sessionType())) {
            throw new BasedataProblem(Kind.INVALID, "parentId", "parentId " + session.parentId() + " is a " + parent.sessionType()
                    + "; a term's parent is a school year");
        }
        if (session.startDate().isBefore(parent.startDate()) || session.endDate().isAfter(parent.endDate())) {
            throw new BasedataProblem(Kind.INVALID, "startDate", "the dates " + session.startDate() + " to " + session.endDate()
                    + " are not within the school year's " + parent.startDate() + " to " + parent.endDate());
        }
        return JdbcClassRoster.reference(connection, "bd_academic_session", session.parentId(), "parentId", "session");
    }

    private static JdbcOrgDirectory.Stored definingOrg(Connection connection, String orgId) throws SQLException {
        if (orgId == null || orgId.isBlank()) {
            throw new BasedataProblem(Kind.INVALID, "orgId", "orgId is required: the sourcedId of the school (or the province, "
                    + "for the whole region)");
        }
        JdbcOrgDirectory.Stored org = JdbcOrgDirectory.load(connection, "o.sourced_id = ?", orgId)
                .orElseThrow(() -> new BasedataProblem(Kind.INVALID, "orgId", "org " + orgId + " does not exist"));
        if (org.org().kind() == OrgKind.VENDOR) {
            throw new BasedataProblem(Kind.INVALID, "orgId", "school years and courses belong to schools and bureaus, not to a vendor");
        }
        return org;
    }

    private static int bindSession(PreparedStatement statement, int index, AcademicSession session, Long parentId) throws SQLException {
        statement.setString(index, session.title().strip());
        statement.setString(index + 1, session.sessionType());
        statement.setInt(index + 2, session.schoolYear());
        Rows.date(statement, index + 3, session.startDate());
        Rows.date(statement, index + 4, session.endDate());
        statement.setObject(index + 5, parentId);
        return index + 6;
    }

    private static int bindCourse(PreparedStatement statement, int index, String title, Course course, Long sessionId)
            throws SQLException {
        statement.setString(index, title);
        statement.setString(index + 1, Rows.bounded(course.courseCode(), "courseCode", 40));
        statement.setString(index + 2, Rows.bounded(course.subjectCode(), "subjectCode", 16));
        statement.setString(index + 3, course.gradeCode());
        statement.setObject(index + 4, sessionId);
        return index + 5;
    }

    private static void checkVersion(String what, String sourcedId, int current, Integer expected) {
        if (expected != null && expected != current) {
            throw Rows.versionMismatch(what, sourcedId, current, expected);
        }
    }

    private static void delete(Connection connection, String table, String sourcedId, int version, String stillUsed)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE sourced_id = ? AND version = ?")) {
            delete.setString(1, sourcedId);
            delete.setInt(2, version);
            if (delete.executeUpdate() == 0) {
                throw Rows.versionMismatch(table.equals("bd_course") ? "course" : "academic session", sourcedId, version + 1, version);
            }
        } catch (SQLIntegrityConstraintViolationException e) {
            throw new BasedataProblem(Kind.CONFLICT, "", stillUsed);
        }
    }

    private static Optional<AcademicSession> loadSession(Connection connection, String sourcedId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SESSION_SELECT + " WHERE s.sourced_id = ?")) {
            select.setString(1, sourcedId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(mapSession(rows)) : Optional.empty();
            }
        }
    }

    private static AcademicSession mapSession(ResultSet row) throws SQLException {
        return new AcademicSession(row.getString("sourced_id"), row.getString("org_sourced_id"), row.getString("org_path"),
                row.getString("title"), row.getString("session_type"), Rows.integer(row, "school_year"), Rows.date(row, "start_date"),
                Rows.date(row, "end_date"), row.getString("parent_sourced_id"), row.getInt("version"), Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"));
    }

    private static Optional<Course> loadCourse(Connection connection, String sourcedId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(COURSE_SELECT + " WHERE c.sourced_id = ?")) {
            select.setString(1, sourcedId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(mapCourse(rows)) : Optional.empty();
            }
        }
    }

    private static Course mapCourse(ResultSet row) throws SQLException {
        return new Course(row.getString("sourced_id"), row.getString("org_sourced_id"), row.getString("org_path"),
                row.getString("title"), row.getString("course_code"), row.getString("subject_code"), row.getString("grade_code"),
                row.getString("session_sourced_id"), row.getInt("version"), Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"));
    }
}
