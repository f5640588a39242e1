package org.educloud.identity.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes identity events (logins, tokens, admin actions) to {@code idn_audit_event}: who, what, when, from where. */
final class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private final DataSource dataSource;

    AuditTrail(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records in the caller's transaction, so an action and its record commit together. */
    static void record(Connection connection, String actor, String action, String target, String address, String outcome,
            String detail) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO idn_audit_event (actor, action, target, address, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, clip(actor, 128));
            insert.setString(2, action);
            insert.setString(3, clip(target, 255));
            insert.setString(4, clip(address, 64));
            insert.setString(5, outcome);
            insert.setString(6, clip(detail, 500));
            insert.executeUpdate();
        }
    }

    /** Records on its own; a failure to write is logged, never thrown at the user. */
    void record(String actor, String action, String target, String address, String outcome, String detail) {
        try (Connection connection = dataSource.getConnection()) {
            record(connection, actor, action, target, address, outcome, detail);
        } catch (SQLException e) {
            LOG.error("Could not write the audit event {} {} by {}: {}", action, target, actor, e.getMessage());
        }
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
