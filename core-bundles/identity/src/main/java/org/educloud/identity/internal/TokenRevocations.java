package org.educloud.identity.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Whether an issued token still stands, from its row in {@code idn_token}: a token without a row
 * was never issued by this provider (or was purged), a token whose row has {@code revoked_at} was
 * revoked (logout, RFC 7009 revocation, a replayed refresh token).
 */
final class TokenRevocations {

    /** What the ledger says about a token id. */
    enum Standing { ACTIVE, REVOKED, UNKNOWN }

    private final DataSource dataSource;

    TokenRevocations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @throws TokenCheckUnavailable when the database does not answer
     */
    Standing standing(String tokenId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT revoked_at FROM idn_token WHERE jti = ?")) {
            query.setString(1, tokenId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Standing.UNKNOWN;
                }
                return row.getTimestamp(1) == null ? Standing.ACTIVE : Standing.REVOKED;
            }
        } catch (SQLException e) {
            throw new TokenCheckUnavailable("the token ledger (idn_token) could not be read: " + e.getMessage(), e);
        }
    }

    /** The token could not be checked now (the database is down): neither valid nor invalid, try again. */
    static final class TokenCheckUnavailable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TokenCheckUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
