package org.educloud.basedata.internal.bulk;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.internal.Loaded;
import org.educloud.basedata.internal.bulk.RosterCsvImport.Outcome;
import org.educloud.identity.Caller;

/**
 * Guardian relations from OneRoster's users.csv: a student's {@code agentSourcedIds} are their
 * guardians, and a parent's, guardian's or relative's are the students they care for (a file may
 * give the pair on either row, or on both: it is one relation). Each is related with the GB/T 4761
 * code the guardian's role says — {@code parent} 50 (父母), {@code relative} 97 (其他亲属),
 * {@code guardian} or a role the file does not give 80 (其他).
 *
 * <p>A guardian may come later in users.csv than the student naming them, so the pairs wait until the
 * whole file is in, in temporary tables of the import's connection (not in memory), with the role of
 * each parent, guardian and relative of the file. Then they are written in batches through the bulk
 * path for relations, each with a sourcedId made from the pair, so importing the file again finds
 * the same relations unchanged. A pair already related under another sourcedId (the platform's
 * guardianRelations.csv, the REST API, an export imported back) is left as it is: its code may be
 * the more precise one (51 father rather than 50 parent). An agent naming nobody, or someone of the
 * wrong role (a student's agent who is not a guardian, a guardian's who is not a student), is rejected
 * at the line that names them, field agentSourcedIds; a person whose own row was refused has that
 * reason reported already, and the agents their row names are skipped.
 *
 * <p>Not done: an agent left out of a later file is not unrelated (relations are also made elsewhere,
 * and OneRoster bulk files need not carry every user); delete the relation through the API.
 */
final class AgentRelations implements RosterCsvImport.Afterwards {

    static final String FIELD = "agentSourcedIds";
    private static final Set<String> GUARDIAN_ROLES = Set.of("parent", "guardian", "relative");
    /** Longer sourcedIds are refused by validation anyway; clipped, they still fit the key. */
    private static final int MAX = 255;

    /**
     * A student and a guardian (the agent) named on line {@code line}: the student's row, or the guardian's ({@code byGuardian});
     * {@code seq} is its place in the walk.
     */
    private record Pair(long seq, long line, String student, String agent, boolean byGuardian, String agentRole) {
    }

    private final Upserts upserts;
    // One row per pair, from the first line that names it (IGNORE keeps it); walked in the file's order, which is the order
    // of seq (batches are kept in the file's order). A walk by seq reads each chunk by its key; a walk by (line, student,
    // agent) could not, and read and sorted the whole table for every chunk.
    private final TemporaryTable pairs = new TemporaryTable("bd_tmp_import_agent", "seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
            + "line BIGINT NOT NULL, student VARCHAR(" + MAX + ") NOT NULL, agent VARCHAR(" + MAX + ") NOT NULL, "
            + "by_guardian BOOLEAN NOT NULL, UNIQUE KEY (student, agent)");
    private final TemporaryTable roles = new TemporaryTable("bd_tmp_import_agent_role", "user_sourced_id VARCHAR(" + MAX
            + ") PRIMARY KEY, role VARCHAR(32) NOT NULL");

    AgentRelations(Upserts upserts) {
        this.upserts = upserts;
    }

    /** The GB/T 4761 code for a guardian's OneRoster role (null when the file gives none). */
    static String relationCode(String role) {
        if (role == null) {
            return "80";
        }
        return switch (role) {
            case "parent" -> "50";
            case "relative" -> "97";
            default -> "80";
        };
    }

    /** The sourcedId of the relation a student's agent implies: the same for the same pair, every import. */
    static String sourcedId(String student, String agent) {
        return "agent-" + UUID.nameUUIDFromBytes((student + "\u0000" + agent).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Keeps what a batch of users.csv says about guardians: each student's agents (with the row's line) and each
     * parent's, guardian's and relative's role. {@code roleOf} is each row's OneRoster role (null when it has none).
     */
    void keep(Connection connection, List<CsvRow> rows, Function<CsvRow, String> roleOf) throws SQLException {
        List<Object[]> agents = new ArrayList<>();
        List<Object[]> guardians = new ArrayList<>();
        for (CsvRow row : rows) {
            String sourcedId = clipped(row.text("sourcedId"));
            String role = roleOf.apply(row);
            if (sourcedId == null || role == null) {
                continue;
            }
            if (role.equals("student")) {
                for (String agent : new java.util.LinkedHashSet<>(row.list(FIELD))) {
                    agents.add(new Object[] {row.line(), sourcedId, clipped(agent), false});
                }
            } else if (GUARDIAN_ROLES.contains(role)) {
                guardians.add(new Object[] {sourcedId, role});
                for (String student : new java.util.LinkedHashSet<>(row.list(FIELD))) {
                    agents.add(new Object[] {row.line(), clipped(student), sourcedId, true});
                }
            }
        }
        insert(connection, pairs, "INSERT IGNORE INTO " + pairs.name() + " (line, student, agent, by_guardian) VALUES ", agents);
        insert(connection, roles, "INSERT INTO " + roles.name() + " (user_sourced_id, role) VALUES ", guardians,
                " ON DUPLICATE KEY UPDATE role = VALUES(role)");
        // Kept at once: the batch may yet be refused as a whole and rolled back (then written row by row), and the
        // temporary tables are InnoDB's, rolled back with it. Nothing else of the batch is written yet.
        connection.commit();
    }

    @Override
    public void write(Caller caller, RowBatch batch, RosterCsvImport.Report report) {
        if (!pairs.created()) {
            return;
        }
        try {
            Pair after = new Pair(0, 0, "", "", false, null);
            while (true) {
                List<Pair> chunk = next(batch.connection(), after);
                if (chunk.isEmpty()) {
                    break;
                }
                write(caller, batch, chunk, report);
                batch.commit();
                after = chunk.get(chunk.size() - 1);
            }
        } catch (SQLException e) {
            throw TemporaryTable.unavailable(e);
        } finally {
            discard(batch);
        }
    }

    @Override
    public void discard(RowBatch batch) {
        pairs.drop(batch.connection());
        roles.drop(batch.connection());
    }

    /** The next pairs after {@code after}, in the file's order, with each guardian's role where the file gives it. */
    private List<Pair> next(Connection connection, Pair after) throws SQLException {
        roles.create(connection);
        List<Pair> chunk = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT a.seq, a.line, a.student, a.agent, a.by_guardian, r.role "
                + "FROM " + pairs.name() + " a LEFT JOIN " + roles.name() + " r ON r.user_sourced_id = a.agent WHERE a.seq > ? "
                + "ORDER BY a.seq LIMIT " + RosterCsvImport.BATCH)) {
            select.setLong(1, after.seq());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    chunk.add(new Pair(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4), rows.getBoolean(5),
                            rows.getString(6)));
                }
            }
        }
        return chunk;
    }

    private void write(Caller caller, RowBatch batch, List<Pair> chunk, RosterCsvImport.Report report) throws SQLException {
        Connection connection = batch.connection();
        Set<String> names = new HashSet<>();
        Set<String> students = new HashSet<>();
        for (Pair pair : chunk) {
            names.add(pair.student());
            names.add(pair.agent());
            students.add(pair.student());
        }
        Map<String, String> roleOf = roles(connection, names);
        Map<String, String> related = related(connection, students);
        List<GuardianRelation> relations = new ArrayList<>();
        List<Pair> written = new ArrayList<>();
        for (Pair pair : chunk) {
            String sourcedId = sourcedId(pair.student(), pair.agent());
            // The row that names the other: its own person must have landed (else its refusal was reported already).
            String namer = pair.byGuardian() ? pair.agent() : pair.student();
            String named = pair.byGuardian() ? pair.student() : pair.agent();
            if (!(pair.byGuardian() ? "GUARDIAN" : "STUDENT").equals(roleOf.get(namer))) {
                continue;
            }
            String namedRole = roleOf.get(named);
            if (namedRole == null) {
                report.reject(pair.line(), FIELD, FIELD + " names " + named + ", who is neither in users.csv nor stored: add "
                        + (pair.byGuardian() ? "the student's row" : "the guardian's row (role parent, guardian or relative)")
                        + ", or leave " + named + " out");
            } else if (!namedRole.equals(pair.byGuardian() ? "STUDENT" : "GUARDIAN")) {
                // Not which role: the person may be one the importer may not read (as the relation service says it).
                report.reject(pair.line(), FIELD, FIELD + " names " + named + (pair.byGuardian()
                        ? ", who is not a student: a parent's, guardian's or relative's agents are the students they care for"
                        : ", who is not a guardian: a student's agents are their guardians (role parent, guardian or relative)"));
            } else if (related.containsKey(pair.student() + "\u0000" + pair.agent())
                    && !related.get(pair.student() + "\u0000" + pair.agent()).equals(sourcedId)) {
                report.outcome(Outcome.UNCHANGED); // related already, under the relation's own sourcedId
            } else {
                relations.add(new GuardianRelation(sourcedId, pair.agent(), pair.student(), relationCode(pair.agentRole()), false, null,
                        null, 0, null, null));
                written.add(pair);
            }
        }
        if (relations.isEmpty()) {
            return;
        }
        try {
            List<Loaded> results = upserts.relationLoad().load(connection, caller, relations);
            for (int i = 0; i < results.size(); i++) {
                Outcome outcome = Outcome.of(results.get(i).effect());
                if (outcome == null) {
                    refuse(report, written.get(i), results.get(i).problem());
                } else {
                    report.outcome(outcome);
                }
            }
        } catch (SQLException e) {
            // Refused as a whole (someone related the pair meanwhile, ...): again one by one through the service.
            batch.rollback();
            for (int i = 0; i < relations.size(); i++) {
                try {
                    report.outcome(upserts.relation(caller, relations.get(i)));
                } catch (BasedataProblem problem) {
                    refuse(report, written.get(i), problem);
                }
            }
        }
    }

    private static void refuse(RosterCsvImport.Report report, Pair pair, BasedataProblem problem) {
        if (problem.kind() == BasedataProblem.Kind.UNAVAILABLE) {
            throw problem;
        }
        report.reject(pair.line(), FIELD, "agent " + (pair.byGuardian() ? pair.student() : pair.agent()) + ": " + problem.getMessage());
    }

    /** The stored role (STUDENT, GUARDIAN, ...) of each of these people that exists. */
    private static Map<String, String> roles(Connection connection, Collection<String> sourcedIds) throws SQLException {
        Map<String, String> found = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER); // as the column's collation compares
        try (PreparedStatement select = connection.prepareStatement("SELECT sourced_id, role FROM bd_person WHERE sourced_id IN ("
                + marks(sourcedIds.size()) + ")")) {
            bind(select, sourcedIds);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return found;
    }

    /** The sourcedId of each stored relation of these students, by student and guardian. */
    private static Map<String, String> related(Connection connection, Collection<String> students) throws SQLException {
        Map<String, String> found = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        // STRAIGHT_JOIN: from the students named, whatever stale statistics say (see Rows.byValues).
        try (PreparedStatement select = connection.prepareStatement("SELECT STRAIGHT_JOIN s.sourced_id, g.sourced_id, r.sourced_id "
                + "FROM bd_person s JOIN bd_guardian_relation r ON r.student_id = s.id JOIN bd_person g ON g.id = r.guardian_id "
                + "WHERE s.sourced_id IN (" + marks(students.size()) + ")")) {
            bind(select, students);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1) + "\u0000" + rows.getString(2), rows.getString(3));
                }
            }
        }
        return found;
    }

    private static void insert(Connection connection, TemporaryTable table, String sql, List<Object[]> rows) throws SQLException {
        insert(connection, table, sql, rows, "");
    }

    /** One multi-row INSERT for all the rows (one round trip and one statement for a batch of users.csv). */
    private static void insert(Connection connection, TemporaryTable table, String sql, List<Object[]> rows, String tail)
            throws SQLException {
        table.create(connection);
        if (rows.isEmpty()) {
            return;
        }
        String values = "(" + marks(rows.get(0).length) + ")";
        try (PreparedStatement insert = connection.prepareStatement(sql + String.join(", ", Collections.nCopies(rows.size(), values))
                + tail)) {
            int index = 1;
            for (Object[] row : rows) {
                for (Object value : row) {
                    insert.setObject(index++, value);
                }
            }
            insert.executeUpdate();
        }
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static void bind(PreparedStatement statement, Collection<String> values) throws SQLException {
        int index = 1;
        for (String value : values) {
            statement.setString(index++, value);
        }
    }

    private static String clipped(String id) {
        return id == null ? null : id.length() > MAX ? id.substring(0, MAX) : id;
    }
}
