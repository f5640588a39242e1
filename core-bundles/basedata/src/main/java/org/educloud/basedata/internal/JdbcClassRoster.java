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

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.ClassRoster;
import org.educloud.basedata.Enrollment;
import org.educloud.basedata.ListQuery;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Page;
import org.educloud.basedata.SchoolClass;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Classes in {@code bd_class} and enrollments in {@code bd_enrollment}; every write also writes its change-feed row. */
@Component(service = ClassRoster.class)
public final class JdbcClassRoster implements ClassRoster {

    static final String CLASSES = "classes";
    static final String ENROLLMENTS = "enrollments";
    private static final Set<String> CLASS_TYPES = Set.of("homeroom", "scheduled");
    static final Set<String> ENROLLMENT_ROLES = Set.of("student", "teacher", "administrator", "aide");
    static final String CLASS_SELECT = "SELECT c.id, c.sourced_id, o.sourced_id AS school_sourced_id, c.org_path, c.title, "
            + "c.class_code, c.class_type, c.grade_code, c.entry_year, s.sourced_id AS session_sourced_id, "
            + "cr.sourced_id AS course_sourced_id, c.version, c.created_at, c.updated_at FROM bd_class c "
            + "JOIN bd_org o ON o.id = c.school_id LEFT JOIN bd_academic_session s ON s.id = c.session_id "
            + "LEFT JOIN bd_course cr ON cr.id = c.course_id";
    static final String ENROLLMENT_SELECT = "SELECT e.id, e.sourced_id, c.sourced_id AS class_sourced_id, "
            + "p.sourced_id AS person_sourced_id, p.role AS person_role, e.role, e.primary_teacher, e.begin_date, e.end_date, "
            + "e.org_path, e.version, e.created_at, e.updated_at FROM bd_enrollment e JOIN bd_class c ON c.id = e.class_id "
            + "JOIN bd_person p ON p.id = e.person_id";
    static final String ENROLLMENT_INSERT = "INSERT INTO bd_enrollment (sourced_id, class_id, person_id, org_path, role, "
            + "primary_teacher, begin_date, end_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String ENROLLMENT_UPDATE = "UPDATE bd_enrollment SET role = ?, primary_teacher = ?, begin_date = ?, end_date = ?, "
            + "version = version + 1, updated_at = CURRENT_TIMESTAMP(3) WHERE sourced_id = ? AND version = ?";

    private final Transactions transactions;

    @Activate
    public JdbcClassRoster(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
    }

    @Override
    public SchoolClass createClass(Caller caller, SchoolClass schoolClass) {
        String sourcedId = Rows.sourcedIdOrNew(schoolClass.sourcedId());
        SchoolClass checked = check(schoolClass);
        return transactions.run(connection -> {
            JdbcOrgDirectory.Stored school = schoolOf(connection, checked.schoolId());
            String path = school.org().path().value();
            Access.require(caller, Access.write(CLASSES), path);
            checkGrade(connection, checked.gradeCode());
            Long sessionId = reference(connection, "bd_academic_session", checked.sessionId(), "sessionId", "school year or term");
            Long courseId = reference(connection, "bd_course", checked.courseId(), "courseId", "course");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bd_class (sourced_id, school_id, org_path, "
                    + "title, class_code, class_type, grade_code, entry_year, session_id, course_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, sourcedId);
                insert.setLong(2, school.id());
                insert.setString(3, path);
                insert.setString(4, checked.title());
                insert.setString(5, checked.classCode());
                insert.setString(6, checked.classType());
                insert.setString(7, checked.gradeCode());
                Rows.integer(insert, 8, checked.entryYear());
                insert.setObject(9, sessionId);
                insert.setObject(10, courseId);
                insert.executeUpdate();
            } catch (SQLIntegrityConstraintViolationException e) {
                throw new BasedataProblem(Kind.CONFLICT, "sourcedId", "sourcedId " + sourcedId + " is taken by another class");
            }
            ChangeLog.record(connection, "class", sourcedId, "create", 1, path, Access.actor(caller));
            return loadClass(connection, sourcedId).orElseThrow().schoolClass();
        });
    }

    @Override
    public Optional<SchoolClass> findClass(Caller caller, String sourcedId) {
        Access.readable(caller, Access.read(CLASSES));
        return transactions.run(connection -> loadClass(connection, sourcedId)).map(StoredClass::schoolClass)
                .filter(c -> caller.isPermitted(Access.read(CLASSES), OrgPath.of(c.orgPath())));
    }

    @Override
    public SchoolClass updateClass(Caller caller, String sourcedId, Integer expectedVersion, SchoolClass schoolClass) {
        return transactions.run(connection -> {
            SchoolClass current = readableClass(connection, caller, sourcedId).schoolClass();
            Access.require(caller, Access.write(CLASSES), current.orgPath());
            if (schoolClass.schoolId() != null && !schoolClass.schoolId().equals(current.schoolId())) {
                throw new BasedataProblem(Kind.INVALID, "schoolId", "a class's school cannot change; create the class at the other school");
            }
            SchoolClass checked = check(new SchoolClass(sourcedId, current.schoolId(), null, schoolClass.title(),
                    schoolClass.classCode(), schoolClass.classType(), schoolClass.gradeCode(), schoolClass.entryYear(),
                    schoolClass.sessionId(), schoolClass.courseId(), 0, null, null));
            checkGrade(connection, checked.gradeCode());
            Long sessionId = reference(connection, "bd_academic_session", checked.sessionId(), "sessionId", "school year or term");
            Long courseId = reference(connection, "bd_course", checked.courseId(), "courseId", "course");
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw Rows.versionMismatch("class", sourcedId, current.version(), expectedVersion);
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE bd_class SET title = ?, class_code = ?, class_type = ?, "
                    + "grade_code = ?, entry_year = ?, session_id = ?, course_id = ?, version = version + 1, "
                    + "updated_at = CURRENT_TIMESTAMP(3) WHERE sourced_id = ? AND version = ?")) {
                update.setString(1, checked.title());
                update.setString(2, checked.classCode());
                update.setString(3, checked.classType());
                update.setString(4, checked.gradeCode());
                Rows.integer(update, 5, checked.entryYear());
                update.setObject(6, sessionId);
                update.setObject(7, courseId);
                update.setString(8, sourcedId);
                update.setInt(9, current.version());
                if (update.executeUpdate() == 0) {
                    throw Rows.versionMismatch("class", sourcedId, current.version() + 1, current.version());
                }
            }
            ChangeLog.record(connection, "class", sourcedId, "update", current.version() + 1, current.orgPath(), Access.actor(caller));
            return loadClass(connection, sourcedId).orElseThrow().schoolClass();
        });
    }

    @Override
    public void deleteClass(Caller caller, String sourcedId, Integer expectedVersion) {
        transactions.run(connection -> {
            SchoolClass current = readableClass(connection, caller, sourcedId).schoolClass();
            Access.require(caller, Access.write(CLASSES), current.orgPath());
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw Rows.versionMismatch("class", sourcedId, current.version(), expectedVersion);
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM bd_class WHERE sourced_id = ? AND version = ?")) {
                delete.setString(1, sourcedId);
                delete.setInt(2, current.version());
                if (delete.executeUpdate() == 0) {
                    throw Rows.versionMismatch("class", sourcedId, current.version() + 1, current.version());
                }
            } catch (SQLIntegrityConstraintViolationException e) {
                throw new BasedataProblem(Kind.CONFLICT, "", "class " + sourcedId + " still has enrollments; delete them first");
            }
            ChangeLog.record(connection, "class", sourcedId, "delete", current.version() + 1, current.orgPath(), Access.actor(caller));
            return null;
        });
    }

    @Override
    public Page<SchoolClass> classes(Caller caller, ListQuery query, String schoolId) {
        Where where = new Where().within("c.org_path", Access.readable(caller, Access.read(CLASSES)))
                .within("c.org_path", List.of(query.under())).and("c.id > ?", Rows.after(query.after()));
        if (schoolId != null) {
            where.and("o.sourced_id = ?", schoolId);
        }
        return transactions.run(connection -> {
            List<SchoolClass> classes = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(CLASS_SELECT + where.sql() + " ORDER BY c.id LIMIT ?")) {
                select.setInt(where.bind(select), query.limit() + 1);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        StoredClass stored = mapClass(rows);
                        classes.add(stored.schoolClass());
                        ids.add(stored.id());
                    }
                }
            }
            return Rows.page(classes, ids, query.limit());
        });
    }

    @Override
    public Enrollment enroll(Caller caller, Enrollment enrollment) {
        String sourcedId = Rows.sourcedIdOrNew(enrollment.sourcedId());
        checkEnrollment(enrollment);
        return transactions.run(connection -> {
            StoredClass schoolClass = loadClass(connection, required(enrollment.classId(), "classId"))
                    .orElseThrow(() -> new BasedataProblem(Kind.INVALID, "classId", "class " + enrollment.classId()
                            + " does not exist; give the sourcedId of an existing class"));
            String path = schoolClass.schoolClass().orgPath();
            Access.require(caller, Access.write(ENROLLMENTS), path);
            long personId;
            String personRole;
            try (PreparedStatement person = connection.prepareStatement("SELECT id, role FROM bd_person WHERE sourced_id = ?")) {
                person.setString(1, required(enrollment.personId(), "personId"));
                try (ResultSet row = person.executeQuery()) {
                    if (!row.next()) {
                        throw new BasedataProblem(Kind.INVALID, "personId", "person " + enrollment.personId()
                                + " does not exist; give the sourcedId of an existing person");
                    }
                    personId = row.getLong(1);
                    personRole = row.getString(2);
                }
            }
            checkRoles(enrollment.role(), personRole);
            try (PreparedStatement insert = connection.prepareStatement(ENROLLMENT_INSERT)) {
                insert.setString(1, sourcedId);
                insert.setLong(2, schoolClass.id());
                insert.setLong(3, personId);
                insert.setString(4, path);
                insert.setString(5, enrollment.role());
                insert.setBoolean(6, enrollment.primaryTeacher());
                Rows.date(insert, 7, enrollment.beginDate());
                Rows.date(insert, 8, enrollment.endDate());
                insert.executeUpdate();
            } catch (SQLIntegrityConstraintViolationException e) {
                boolean taken = String.valueOf(e.getMessage()).contains("sourced_id");
                throw new BasedataProblem(Kind.CONFLICT, taken ? "sourcedId" : "personId", taken
                        ? "sourcedId " + sourcedId + " is taken by another enrollment"
                        : "person " + enrollment.personId() + " is already in class " + enrollment.classId() + " as " + enrollment.role());
            }
            ChangeLog.record(connection, "enrollment", sourcedId, "create", 1, path, Access.actor(caller));
            return loadEnrollment(connection, sourcedId).orElseThrow();
        });
    }

    @Override
    public Optional<Enrollment> findEnrollment(Caller caller, String sourcedId) {
        Access.readable(caller, Access.read(ENROLLMENTS));
        return transactions.run(connection -> loadEnrollment(connection, sourcedId))
                .filter(e -> caller.isPermitted(Access.read(ENROLLMENTS), OrgPath.of(e.orgPath())));
    }

    @Override
    public Enrollment updateEnrollment(Caller caller, String sourcedId, Integer expectedVersion, Enrollment enrollment) {
        checkEnrollment(enrollment);
        return transactions.run(connection -> {
            Enrollment current = loadEnrollment(connection, sourcedId)
                    .filter(e -> caller.isPermitted(Access.read(ENROLLMENTS), OrgPath.of(e.orgPath())))
                    .orElseThrow(() -> Rows.notFound("enrollment", sourcedId));
            Access.require(caller, Access.write(ENROLLMENTS), current.orgPath());
            if ((enrollment.classId() != null && !enrollment.classId().equals(current.classId()))
                    || (enrollment.personId() != null && !enrollment.personId().equals(current.personId()))) {
                throw new BasedataProblem(Kind.INVALID, "classId", "an enrollment's class and person cannot change; "
                        + "delete it and enroll the person in the other class");
            }
            String personRole;
            try (PreparedStatement person = connection.prepareStatement("SELECT role FROM bd_person WHERE sourced_id = ?")) {
                person.setString(1, current.personId());
                try (ResultSet row = person.executeQuery()) {
                    row.next();
                    personRole = row.getString(1);
                }
            }
            checkRoles(enrollment.role(), personRole);
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw Rows.versionMismatch("enrollment", sourcedId, current.version(), expectedVersion);
            }
            try (PreparedStatement update = connection.prepareStatement(ENROLLMENT_UPDATE)) {
                update.setString(1, enrollment.role());
                update.setBoolean(2, enrollment.primaryTeacher());
                Rows.date(update, 3, enrollment.beginDate());
                Rows.date(update, 4, enrollment.endDate());
                update.setString(5, sourcedId);
                update.setInt(6, current.version());
                if (update.executeUpdate() == 0) {
                    throw Rows.versionMismatch("enrollment", sourcedId, current.version() + 1, current.version());
                }
            } catch (SQLIntegrityConstraintViolationException e) {
                throw new BasedataProblem(Kind.CONFLICT, "role", "the person is already in this class as " + enrollment.role());
            }
            ChangeLog.record(connection, "enrollment", sourcedId, "update", current.version() + 1, current.orgPath(),
                    Access.actor(caller));
            return loadEnrollment(connection, sourcedId).orElseThrow();
        });
    }

    @Override
    public void deleteEnrollment(Caller caller, String sourcedId, Integer expectedVersion) {
        transactions.run(connection -> {
            Enrollment current = loadEnrollment(connection, sourcedId)
                    .filter(e -> caller.isPermitted(Access.read(ENROLLMENTS), OrgPath.of(e.orgPath())))
                    .orElseThrow(() -> Rows.notFound("enrollment", sourcedId));
            Access.require(caller, Access.write(ENROLLMENTS), current.orgPath());
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw Rows.versionMismatch("enrollment", sourcedId, current.version(), expectedVersion);
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM bd_enrollment WHERE sourced_id = ? AND version = ?")) {
                delete.setString(1, sourcedId);
                delete.setInt(2, current.version());
                if (delete.executeUpdate() == 0) {
                    throw Rows.versionMismatch("enrollment", sourcedId, current.version() + 1, current.version());
                }
            }
            ChangeLog.record(connection, "enrollment", sourcedId, "delete", current.version() + 1, current.orgPath(),
                    Access.actor(caller));
            return null;
        });
    }

    @Override
    public Page<Enrollment> enrollments(Caller caller, ListQuery query, String classId, String personId) {
        Where where = new Where().within("e.org_path", Access.readable(caller, Access.read(ENROLLMENTS)))
                .within("e.org_path", List.of(query.under())).and("e.id > ?", Rows.after(query.after()));
        if (classId != null) {
            where.and("c.sourced_id = ?", classId);
        }
        if (personId != null) {
            where.and("p.sourced_id = ?", personId);
        }
        return transactions.run(connection -> {
            List<Enrollment> enrollments = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(ENROLLMENT_SELECT + where.sql() + " ORDER BY e.id LIMIT ?")) {
                select.setInt(where.bind(select), query.limit() + 1);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        enrollments.add(mapEnrollment(rows));
                        ids.add(rows.getLong("id"));
                    }
                }
            }
            return Rows.page(enrollments, ids, query.limit());
        });
    }

    record StoredClass(long id, SchoolClass schoolClass) {
    }

    private StoredClass readableClass(Connection connection, Caller caller, String sourcedId) throws SQLException {
        return loadClass(connection, sourcedId)
                .filter(c -> caller.isPermitted(Access.read(CLASSES), OrgPath.of(c.schoolClass().orgPath())))
                .orElseThrow(() -> Rows.notFound("class", sourcedId));
    }

    private static SchoolClass check(SchoolClass schoolClass) {
        String title = Rows.required(schoolClass.title(), "title", 100, "2017级02班");
        String classType = schoolClass.classType() == null ? "homeroom" : schoolClass.classType();
        if (!CLASS_TYPES.contains(classType)) {
            throw new BasedataProblem(Kind.INVALID, "classType", "classType '" + classType + "' is not homeroom (行政班) or scheduled (教学班)");
        }
        Integer entryYear = schoolClass.entryYear();
        if (entryYear != null && (entryYear < 1950 || entryYear > java.time.Year.now().getValue() + 1)) {
            throw new BasedataProblem(Kind.INVALID, "entryYear", "entryYear " + entryYear + " is not a plausible year of entry");
        }
        required(schoolClass.schoolId(), "schoolId");
        return new SchoolClass(schoolClass.sourcedId(), schoolClass.schoolId(), null, title,
                Rows.bounded(schoolClass.classCode(), "classCode", 40), classType, schoolClass.gradeCode(), entryYear,
                schoolClass.sessionId(), schoolClass.courseId(), 0, null, null);
    }

    static void checkGrade(Connection connection, String gradeCode) throws SQLException {
        if (gradeCode == null) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT code FROM bd_grade ORDER BY ordinal");
             ResultSet rows = select.executeQuery()) {
            List<String> codes = new ArrayList<>();
            while (rows.next()) {
                codes.add(rows.getString(1));
            }
            if (!codes.contains(gradeCode)) {
                throw new BasedataProblem(Kind.INVALID, "gradeCode", "gradeCode '" + gradeCode + "' is not a grade level; use one of " + codes);
            }
        }
    }

    /** The row id of the {@code table} row with this sourced id; null when none is given. */
    static Long reference(Connection connection, String table, String sourcedId, String field, String what) throws SQLException {
        if (sourcedId == null || sourcedId.isBlank()) {
            return null;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM " + table + " WHERE sourced_id = ?")) {
            select.setString(1, sourcedId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new BasedataProblem(Kind.INVALID, field, field + " " + sourcedId + " is not a " + what
                            + " that exists; give the sourcedId of an existing one, or leave it out");
                }
                return row.getLong(1);
            }
        }
    }

    private static JdbcOrgDirectory.Stored schoolOf(Connection connection, String schoolId) throws SQLException {
        JdbcOrgDirectory.Stored school = JdbcOrgDirectory.load(connection, "o.sourced_id = ?", schoolId)
                .orElseThrow(() -> new BasedataProblem(Kind.INVALID, "schoolId", "school " + schoolId
                        + " does not exist; give the sourcedId of an existing school"));
        if (school.org().kind() != OrgKind.SCHOOL) {
            throw new BasedataProblem(Kind.INVALID, "schoolId", "org " + school.org().code() + " is a " + school.org().kind().label()
                    + ", not a school; classes belong to schools");
        }
        return school;
    }

    static void checkEnrollment(Enrollment enrollment) {
        if (enrollment.role() == null || !ENROLLMENT_ROLES.contains(enrollment.role())) {
            throw new BasedataProblem(Kind.INVALID, "role", "an enrollment's role is required: student, teacher, administrator or aide");
        }
        if (enrollment.beginDate() != null && enrollment.endDate() != null && enrollment.endDate().isBefore(enrollment.beginDate())) {
            throw new BasedataProblem(Kind.INVALID, "endDate", "endDate " + enrollment.endDate() + " is before beginDate "
                    + enrollment.beginDate());
        }
        if (enrollment.primaryTeacher() && !"teacher".equals(enrollment.role())) {
            throw new BasedataProblem(Kind.INVALID, "primaryTeacher", "only a teacher's enrollment can be the primary teacher's");
        }
    }

    /** Students are enrolled as students, and only students are. */
    static void checkRoles(String enrollmentRole, String personRole) {
        boolean student = "STUDENT".equals(personRole);
        if (student != "student".equals(enrollmentRole)) {
            throw new BasedataProblem(Kind.INVALID, "role", student ? "a student is enrolled with the role student"
                    : "only students are enrolled with the role student; this person is a " + personRole.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new BasedataProblem(Kind.INVALID, field, field + " is required");
        }
        return value;
    }

    private static Optional<StoredClass> loadClass(Connection connection, String sourcedId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(CLASS_SELECT + " WHERE c.sourced_id = ?")) {
            select.setString(1, sourcedId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(mapClass(rows)) : Optional.empty();
            }
        }
    }

    static StoredClass mapClass(ResultSet row) throws SQLException {
        return new StoredClass(row.getLong("id"), new SchoolClass(row.getString("sourced_id"), row.getString("school_sourced_id"),
                row.getString("org_path"), row.getString("title"), row.getString("class_code"), row.getString("class_type"),
                row.getString("grade_code"), Rows.integer(row, "entry_year"), row.getString("session_sourced_id"),
                row.getString("course_sourced_id"), row.getInt("version"),
                Rows.instant(row, "created_at"), Rows.instant(row, "updated_at")));
    }

    private static Optional<Enrollment> loadEnrollment(Connection connection, String sourcedId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ENROLLMENT_SELECT + " WHERE e.sourced_id = ?")) {
            select.setString(1, sourcedId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(mapEnrollment(rows)) : Optional.empty();
            }
        }
    }

    static Enrollment mapEnrollment(ResultSet row) throws SQLException {
        return new Enrollment(row.getString("sourced_id"), row.getString("class_sourced_id"), row.getString("person_sourced_id"),
                row.getString("role"), row.getBoolean("primary_teacher"), Rows.date(row, "begin_date"), Rows.date(row, "end_date"),
                row.getString("org_path"), row.getInt("version"), Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }
}
