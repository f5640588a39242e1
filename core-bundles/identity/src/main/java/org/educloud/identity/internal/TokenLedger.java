package org.educloud.identity.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The record of every token issued ({@code idn_token}): what makes a token revocable although
 * it is a self-contained JWT, and what lets a refresh token be used only once.
 */
final class TokenLedger {

    /** One issued token. */
    record Entry(String jti, String kind, String familyId, String clientId, Long accountId, String sessionId, String scope,
            Instant authTime, Instant issuedAt, Instant expiresAt, Instant usedAt, Instant revokedAt) {

        boolean activeAt(Instant now) {
            return revokedAt == null && expiresAt.isAfter(now);
        }
    }

    private TokenLedger() {
    }

    static void record(Connection connection, Entry entry) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO idn_token (jti, kind, family_id, client_id, "
                + "account_id, session_id, scope, auth_time, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, entry.jti());
            insert.setString(2, entry.kind());
            insert.setString(3, entry.familyId());
            insert.setString(4, entry.clientId());
            if (entry.accountId() == null) {
                insert.setNull(5, java.sql.Types.BIGINT);
            } else {
                insert.setLong(5, entry.accountId());
            }
            insert.setString(6, entry.sessionId());
            insert.setString(7, entry.scope());
            insert.setTimestamp(8, entry.authTime() == null ? null : Timestamp.from(entry.authTime()));
            insert.setTimestamp(9, Timestamp.from(entry.issuedAt()));
            insert.setTimestamp(10, Timestamp.from(entry.expiresAt()));
            insert.executeUpdate();
        }
    }

    /** The token with this id, locked for update when {@code forUpdate}. */
    static Optional<Entry> find(Connection connection, String jti, boolean forUpdate) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT jti, kind, family_id, client_id, account_id, session_id, "
                + "scope, auth_time, issued_at, expires_at, used_at, revoked_at FROM idn_token WHERE jti = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            query.setString(1, jti);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long account = row.getLong(5);
                return Optional.of(new Entry(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.wasNull() ? null : account, row.getString(6), row.getString(7), instant(row, 8), instant(row, 9),
                        instant(row, 10), instant(row, 11), instant(row, 12)));
            }
        }
    }

    static void markUsed(Connection connection, String jti, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE idn_token SET used_at = ? WHERE jti = ?")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, jti);
            update.executeUpdate();
        }
    }

    static int revokeToken(Connection connection, String jti) throws SQLException {
        return revoke(connection, "jti = ?", jti);
    }

    /** Revokes every token of one login's lineage (a replayed code, a reused refresh token). */
    static int revokeFamily(Connection connection, String familyId) throws SQLException {
        return revoke(connection, "family_id = ?", familyId);
    }

    /** Revokes every token issued in an SSO session (logout). */
    static int revokeSession(Connection connection, String sessionId) throws SQLException {
        return revoke(connection, "session_id = ?", sessionId);
    }

    /** Revokes every token of a client (locked or removed). */
    static int revokeClient(Connection connection, String clientId) throws SQLException {
        return revoke(connection, "client_id = ?", clientId);
    }

    private static int revoke(Connection connection, String where, String value) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE idn_token SET revoked_at = CURRENT_TIMESTAMP(3) "
                + "WHERE " + where + " AND revoked_at IS NULL AND expires_at > CURRENT_TIMESTAMP(3)")) {
            update.setString(1, value);
            return update.executeUpdate();
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
