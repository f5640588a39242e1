package org.educloud.basedata.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.PersonRole;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;

/**
 * The bulk write path for guardian relations, as {@link PeopleLoad} is for people: checked as
 * {@link JdbcPersonRegistry#relate} checks one, written with one batched insert and one batched
 * update (a relation whose code, contact flag, guardian or student changed is updated in place) and
 * its change-feed rows; unchanged rows are not written.
 */
public final class RelationLoad {

    private static final String UPDATE = "UPDATE bd_guardian_relation SET guardian_id = ?, student_id = ?, org_path = ?, "
            + "relation_code = ?, primary_contact = ?, version = version + 1, updated_at = CURRENT_TIMESTAMP(3) "
            + "WHERE sourced_id = ? AND version = ?";

    private record Member(long id, PersonRole role, String path) {
    }

    private record Write(GuardianRelation relation, Member guardian, Member student, GuardianRelation was) {
    }

    /** Loads the relations; the result has one entry per row, in order. */
    public List<Loaded> load(Connection connection, Caller caller, List<GuardianRelation> rows) throws SQLException {
        LoadPlan<Write> plan = new LoadPlan<>(rows.size());
        Set<String> ids = new HashSet<>();
        Set<String> personIds = new HashSet<>();
        for (GuardianRelation row : rows) {
            ids.add(row.sourcedId());
            if (row.guardianId() != null) {
                personIds.add(row.guardianId());
            }
            if (row.studentId() != null) {
                personIds.add(row.studentId());
            }
        }
        Map<String, GuardianRelation> stored = Rows.byValues(connection, JdbcPersonRegistry.RELATION_SELECT, "r.sourced_id",
                "sourced_id", ids, false, JdbcPersonRegistry::mapRelation);
        Map<String, Member> people = Rows.byValues(connection, "SELECT p.id, p.sourced_id, p.role, p.org_path FROM bd_person p",
                "p.sourced_id", "sourced_id", personIds, false,
                row -> new Member(row.getLong("id"), PersonRole.valueOf(row.getString("role")), row.getString("org_path")));
        String guardians = PersonRole.GUARDIAN.noun();
        for (int i = 0; i < rows.size(); i++) {
            GuardianRelation row = rows.get(i);
            try {
                Rows.sourcedIdOrNew(row.sourcedId());
                JdbcPersonRegistry.checkRelationCode(row);
                GuardianRelation was = stored.get(row.sourcedId());
                if (was != null && !caller.isPermitted(Access.read(guardians), OrgPath.of(was.orgPath()))) {
                    plan.taken(i, "guardian relation", row.sourcedId());
                    continue;
                }
                Member student = people.get(row.studentId());
                if (student == null || student.role() != PersonRole.STUDENT) {
                    throw new BasedataProblem(Kind.INVALID, "studentId", "studentId " + row.studentId() + " is not a student; give "
                            + "the sourcedId of a person with the role student");
                }
                Member guardian = people.get(row.guardianId());
                if (guardian == null || guardian.role() != PersonRole.GUARDIAN) {
                    throw new BasedataProblem(Kind.INVALID, "guardianId", "guardianId " + row.guardianId() + " is not a guardian; "
                            + "create the person with the role guardian first");
                }
                Access.require(caller, Access.write(guardians), student.path());
                Write write = new Write(row, guardian, student, was);
                if (was == null) {
                    plan.create(i, write);
                } else {
                    Access.require(caller, Access.write(guardians), was.orgPath());
                    if (was.guardianId().equals(row.guardianId()) && was.studentId().equals(row.studentId())
                            && was.relationCode().equals(row.relationCode()) && was.primaryContact() == row.primaryContact()) {
                        plan.unchanged(i);
                    } else {
                        plan.update(i, write);
                    }
                }
            } catch (BasedataProblem problem) {
                plan.refuse(i, problem);
            }
        }
        plan.insert(connection, JdbcPersonRegistry.RELATION_INSERT, (insert, create) -> {
            GuardianRelation r = create.relation();
            insert.setString(1, r.sourcedId());
            insert.setLong(2, create.guardian().id());
            insert.setLong(3, create.student().id());
            insert.setString(4, create.student().path());
            insert.setString(5, r.relationCode());
            insert.setBoolean(6, r.primaryContact());
            plan.change("guardianRelation", r.sourcedId(), "create", 1, create.student().path());
        });
        plan.update(connection, UPDATE, (update, write) -> {
            GuardianRelation r = write.relation();
            update.setLong(1, write.guardian().id());
            update.setLong(2, write.student().id());
            update.setString(3, write.student().path());
            update.setString(4, r.relationCode());
            update.setBoolean(5, r.primaryContact());
            update.setString(6, r.sourcedId());
            update.setInt(7, write.was().version());
            plan.change("guardianRelation", r.sourcedId(), "update", write.was().version() + 1, write.student().path());
        });
        return plan.finish(connection, Access.actor(caller));
    }
}
