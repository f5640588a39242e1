package org.educloud.basedata.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.StudentStatus;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;

/**
 * The bulk write path for people: a batch of rows is checked row by row exactly as
 * {@link JdbcPersonRegistry} checks one (fields, org, permissions), then written with a handful of
 * batched statements in the caller's transaction — one read of the stored rows, one batched insert,
 * one batched update, the statuses, and the change-feed rows under one take of its writer lock.
 * A row the database already holds as given is not written and gives the change feed nothing.
 *
 * <p>Concurrency is optimistic, as for the API: an update names the version it read, a create
 * relies on the unique sourcedId. A row changed or created by someone else meanwhile, or a
 * duplicate ID or registry number, makes the batch fail with an {@link SQLException}; the caller
 * rolls back and writes that batch row by row through the services, which say which row is at fault.
 */
public final class PeopleLoad {

    /**
     * A person to load.
     *
     * @param sourcedId the person's sourcedId
     * @param merge     makes the person to store from the stored one (null when there is none); may refuse
     *                  with a {@link BasedataProblem}. A gender, birth date, ID number or status left null keeps the stored one.
     */
    public record Row(String sourcedId, UnaryOperator<Person> merge) {
    }

    /** A checked row that must be written, at its org, over what was stored (null when new). */
    private record Write(Person person, JdbcOrgDirectory.Stored org, JdbcPersonRegistry.Stored was) {
    }

    private final IdNumberCipher cipher;

    public PeopleLoad(IdNumberCipher cipher) {
        this.cipher = cipher;
    }

    /** Loads the rows; the result has one entry per row, in order. */
    public List<Loaded> load(Connection connection, Caller caller, List<Row> rows) throws SQLException {
        LoadPlan<Write> plan = new LoadPlan<>(rows.size());
        Set<String> ids = new HashSet<>();
        for (Row row : rows) {
            ids.add(row.sourcedId());
        }
        Map<String, JdbcPersonRegistry.Stored> stored = Rows.byValues(connection, JdbcPersonRegistry.SELECT, "p.sourced_id",
                "sourced_id", ids, false, JdbcPersonRegistry::map);
        Person[] checked = new Person[rows.size()];
        Set<String> orgIds = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            JdbcPersonRegistry.Stored was = stored.get(rows.get(i).sourcedId());
            try {
                if (was != null && !caller.isPermitted(Access.read(was.person().role().noun()), OrgPath.of(was.person().orgPath()))) {
                    plan.taken(i, "person", rows.get(i).sourcedId());
                    continue;
                }
                checked[i] = checked(rows.get(i), was);
                orgIds.add(checked[i].orgId());
            } catch (BasedataProblem problem) {
                plan.refuse(i, problem);
            }
        }
        Map<String, JdbcOrgDirectory.Stored> orgs = JdbcOrgDirectory.loadAll(connection, orgIds);
        for (int i = 0; i < rows.size(); i++) {
            if (plan.decided(i)) {
                continue;
            }
            Person person = checked[i];
            JdbcPersonRegistry.Stored was = stored.get(person.sourcedId());
            try {
                JdbcOrgDirectory.Stored org = JdbcPersonRegistry.placed(orgs.get(person.orgId()), person);
                Access.require(caller, Access.write(person.role().noun()), org.org().path().value());
                if (was == null) {
                    plan.create(i, new Write(person, org, null));
                    continue;
                }
                Access.require(caller, Access.write(person.role().noun()), was.person().orgPath());
                if (JdbcPersonRegistry.sameDetails(was.person(), person)
                        && (person.idNumber() == null || java.util.Arrays.equals(cipher.index(person.idNumber()), was.idNumberIndex()))) {
                    plan.unchanged(i);
                } else {
                    plan.update(i, new Write(person, org, was));
                }
            } catch (BasedataProblem problem) {
                plan.refuse(i, problem);
            }
        }
        write(connection, plan);
        return plan.finish(connection, Access.actor(caller));
    }

    /** The row merged with what is stored and checked as the service checks it. */
    private static Person checked(Row row, JdbcPersonRegistry.Stored was) {
        String sourcedId = Rows.sourcedIdOrNew(row.sourcedId());
        Person given = row.merge().apply(was == null ? null : was.person());
        PersonRole role = was != null ? was.person().role() : given.role();
        if (role == null) {
            throw new BasedataProblem(Kind.INVALID, "role", "role is required: student, teacher, guardian or staff");
        }
        if (given.role() != null && given.role() != role) {
            throw new BasedataProblem(Kind.INVALID, "role", "a person's role cannot change (it is " + role.label()
                    + "); create a person with the new role");
        }
        Person person = JdbcPersonRegistry.check(given, role);
        return new Person(sourcedId, role, person.orgId(), null, person.familyName(), person.givenName(), person.gender(),
                person.birthDate(), person.idNumber(), null, person.staffNumber(), person.phone(), person.email(), person.status(),
                null, 0, null, null);
    }

    private void write(Connection connection, LoadPlan<Write> plan) throws SQLException {
        plan.insert(connection, JdbcPersonRegistry.INSERT, (insert, create) -> {
            Person person = create.person();
            String path = create.org().org().path().value();
            insert.setString(1, person.sourcedId());
            insert.setString(2, person.role().name());
            insert.setLong(3, create.org().id());
            insert.setString(4, path);
            JdbcPersonRegistry.bindDetails(insert, 5, person, person.sourcedId(), cipher);
            plan.change(person.role().label(), person.sourcedId(), "create", 1, path);
        });
        plan.update(connection, JdbcPersonRegistry.UPDATE, (update, write) -> {
            Person person = write.person();
            String path = write.org().org().path().value();
            update.setLong(1, write.org().id());
            update.setString(2, path);
            int next = JdbcPersonRegistry.bindDetails(update, 3, person, person.sourcedId(), cipher);
            update.setLong(next, write.was().id());
            update.setInt(next + 1, write.was().person().version());
            plan.change(person.role().label(), person.sourcedId(), "update", write.was().person().version() + 1, path);
        });
        // A student who moved takes their guardian relations along.
        LoadPlan.execute(connection, JdbcPersonRegistry.RELATIONS_MOVE, plan.updates().stream().filter(w -> w.person().role()
                == PersonRole.STUDENT && !w.org().org().path().value().equals(w.was().person().orgPath())).toList(), (move, w) -> {
                    move.setString(1, w.org().org().path().value());
                    move.setLong(2, w.was().id());
                }, false);
        writeStatuses(connection, plan.creates(), plan.updates());
    }

    /** Statuses: inserted for new people and for those who had none, updated for the others. */
    private static void writeStatuses(Connection connection, List<Write> creates, List<Write> updates) throws SQLException {
        List<String> created = creates.stream().filter(w -> w.person().status() != null).map(w -> w.person().sourcedId()).toList();
        Map<String, Long> newIds = Rows.byValues(connection, "SELECT p.id, p.sourced_id FROM bd_person p", "p.sourced_id",
                "sourced_id", created, false, row -> row.getLong("id"));
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> changed = new ArrayList<>();
        for (Write create : creates) {
            if (create.person().status() != null) {
                inserts.add(new Object[] {create.person().status(), newIds.get(create.person().sourcedId())});
            }
        }
        for (Write write : updates) {
            if (write.person().status() != null) {
                (write.was().person().status() == null ? inserts : changed).add(new Object[] {write.person().status(),
                    write.was().id()});
            }
        }
        LoadPlan.Binder<Object[]> bind = (statement, status) -> JdbcPersonRegistry.bindStatus(statement, (StudentStatus) status[0],
                (Long) status[1]);
        LoadPlan.execute(connection, JdbcPersonRegistry.STATUS_INSERT, inserts, bind, false);
        LoadPlan.execute(connection, JdbcPersonRegistry.STATUS_UPDATE, changed, bind, true);
    }
}
