package org.educloud.basedata.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fresh index statistics for MariaDB's query planner after a bulk write. InnoDB recounts a table
 * in the background only some time after a tenth of it changed; until then a table an import has
 * just grown from a few rows to a hundred thousand looks as small as it was, and the planner
 * picks plans for the small table: a first page of people took 400 ms instead of 2 ms right
 * after an import. {@code ANALYZE TABLE} samples a few pages of each index (milliseconds,
 * whatever the table's size).
 */
public final class PlannerStatistics {

    private static final String TABLES = "bd_org, bd_academic_session, bd_course, bd_class, bd_person, bd_student_status, "
            + "bd_guardian_relation, bd_enrollment, bd_change";

    private PlannerStatistics() {
    }

    /** Recounts the basic-data tables (autocommit: ANALYZE commits anyway). */
    public static void refresh(Connection connection) throws SQLException {
        try (Statement analyze = connection.createStatement(); ResultSet report = analyze.executeQuery("ANALYZE TABLE " + TABLES)) {
            while (report.next()) {
                // one status row per table; a table that cannot be analyzed keeps its old statistics, which is no error here
            }
        }
    }
}
