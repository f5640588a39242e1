package org.educloud.basedata.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Records reads that must be accounted for (whole ID numbers) in {@code bd_audit_event}, in the read's transaction. */
final class AuditTrail {

    private AuditTrail() {
    }

    static void record(Connection connection, String actor, String action, String target, String orgPath, String detail)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO bd_audit_event (actor, action, target, org_path, detail) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, clip(actor, 128));
            insert.setString(2, action);
            insert.setString(3, clip(target, 255));
            insert.setString(4, orgPath);
            insert.setString(5, clip(detail, 500));
            insert.executeUpdate();
        }
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
