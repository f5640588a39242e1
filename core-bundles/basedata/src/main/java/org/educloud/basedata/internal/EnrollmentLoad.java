package org.educloud.basedata.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.Enrollment;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;

/**
 * The bulk write path for enrollments, as {@link PeopleLoad} is for people: each row checked as
 * {@link JdbcClassRoster} checks one, the batch written with one batched insert, one batched
 * update and its change-feed rows; unchanged rows are not written.
 */
public final class EnrollmentLoad {

    private record Write(Enrollment enrollment, String path, long classId, long personId, Enrollment was) {
    }

    /** The id and role of a person an enrollment names. */
    record PersonKey(long id, String role) {
    }

    /** Loads the enrollments; the result has one entry per row, in order. */
    public List<Loaded> load(Connection connection, Caller caller, List<Enrollment> rows) throws SQLException {
        LoadPlan<Write> plan = new LoadPlan<>(rows.size());
        Set<String> ids = new HashSet<>();
        Set<String> classIds = new HashSet<>();
        Set<String> personIds = new HashSet<>();
        for (Enrollment row : rows) {
            ids.add(row.sourcedId());
            if (row.classId() != null) {
                classIds.add(row.classId());
            }
            if (row.personId() != null) {
                personIds.add(row.personId());
            }
        }
        Map<String, Enrollment> stored = Rows.byValues(connection, JdbcClassRoster.ENROLLMENT_SELECT, "e.sourced_id", "sourced_id",
                ids, false, JdbcClassRoster::mapEnrollment);
        Map<String, JdbcClassRoster.StoredClass> classes = Rows.byValues(connection, JdbcClassRoster.CLASS_SELECT, "c.sourced_id",
                "sourced_id", classIds, false, JdbcClassRoster::mapClass);
        Map<String, PersonKey> people = Rows.byValues(connection, "SELECT p.id, p.sourced_id, p.role FROM bd_person p",
                "p.sourced_id", "sourced_id", personIds, false, row -> new PersonKey(row.getLong("id"), row.getString("role")));
        for (int i = 0; i < rows.size(); i++) {
            Enrollment row = rows.get(i);
            try {
                String sourcedId = Rows.sourcedIdOrNew(row.sourcedId());
                JdbcClassRoster.checkEnrollment(row);
                Enrollment was = stored.get(sourcedId);
                if (was != null && !caller.isPermitted(Access.read(JdbcClassRoster.ENROLLMENTS), OrgPath.of(was.orgPath()))) {
                    plan.taken(i, "enrollment", sourcedId);
                    continue;
                }
                JdbcClassRoster.StoredClass schoolClass = classes.get(row.classId());
                if (schoolClass == null) {
                    throw new BasedataProblem(Kind.INVALID, "classId", "class " + row.classId() + " does not exist; give the "
                            + "sourcedId of an existing class");
                }
                String path = schoolClass.schoolClass().orgPath();
                Access.require(caller, Access.write(JdbcClassRoster.ENROLLMENTS), path);
                PersonKey person = people.get(row.personId());
                if (person == null) {
                    throw new BasedataProblem(Kind.INVALID, "personId", "person " + row.personId() + " does not exist; give the "
                            + "sourcedId of an existing person");
                }
                JdbcClassRoster.checkRoles(row.role(), person.role());
                Write write = new Write(row, path, schoolClass.id(), person.id(), was);
                if (was == null) {
                    plan.create(i, write);
                } else if (!was.classId().equals(row.classId()) || !was.personId().equals(row.personId())) {
                    throw new BasedataProblem(Kind.INVALID, "classId", "an enrollment's class and person cannot change; delete it "
                            + "and enroll the person in the other class");
                } else if (Objects.equals(was.role(), row.role()) && was.primaryTeacher() == row.primaryTeacher()
                        && Objects.equals(was.beginDate(), row.beginDate()) && Objects.equals(was.endDate(), row.endDate())) {
                    plan.unchanged(i);
                } else {
                    plan.update(i, write);
                }
            } catch (BasedataProblem problem) {
                plan.refuse(i, problem);
            }
        }
        plan.insert(connection, JdbcClassRoster.ENROLLMENT_INSERT, (insert, create) -> {
            Enrollment e = create.enrollment();
            insert.setString(1, e.sourcedId());
            insert.setLong(2, create.classId());
            insert.setLong(3, create.personId());
            insert.setString(4, create.path());
            insert.setString(5, e.role());
            insert.setBoolean(6, e.primaryTeacher());
            Rows.date(insert, 7, e.beginDate());
            Rows.date(insert, 8, e.endDate());
            plan.change("enrollment", e.sourcedId(), "create", 1, create.path());
        });
        plan.update(connection, JdbcClassRoster.ENROLLMENT_UPDATE, (update, write) -> {
            Enrollment e = write.enrollment();
            update.setString(1, e.role());
            update.setBoolean(2, e.primaryTeacher());
            Rows.date(update, 3, e.beginDate());
            Rows.date(update, 4, e.endDate());
            update.setString(5, e.sourcedId());
            update.setInt(6, write.was().version());
            plan.change("enrollment", e.sourcedId(), "update", write.was().version() + 1, write.was().orgPath());
        });
        return plan.finish(connection, Access.actor(caller));
    }
}
