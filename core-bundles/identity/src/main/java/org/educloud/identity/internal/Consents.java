package org.educloud.identity.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import com.nimbusds.oauth2.sdk.Scope;

/** What each user has allowed each third-party client ({@code idn_consent}). */
final class Consents {

    private final DataSource dataSource;

    Consents(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    boolean covers(long accountId, String clientId, Scope scope) {
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT scopes FROM idn_consent WHERE account_id = ? AND client_id = ?")) {
                query.setLong(1, accountId);
                query.setString(2, clientId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() && Scope.parse(row.getString(1)).containsAll(scope);
                }
            }
        });
    }

    /** Records the allowed scopes, added to what was allowed before. */
    void grant(long accountId, String username, String clientId, Scope scope, String address) {
        Transactions.inTransaction(dataSource, connection -> {
            Scope all = new Scope(scope);
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT scopes FROM idn_consent WHERE account_id = ? AND client_id = ? FOR UPDATE")) {
                query.setLong(1, accountId);
                query.setString(2, clientId);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        all.addAll(Scope.parse(row.getString(1)));
                    }
                }
            }
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO idn_consent (account_id, client_id, scopes) "
                    + "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE scopes = VALUES(scopes), granted_at = CURRENT_TIMESTAMP(3)")) {
                upsert.setLong(1, accountId);
                upsert.setString(2, clientId);
                upsert.setString(3, all.toString());
                upsert.executeUpdate();
            }
            AuditTrail.record(connection, username, "consent.grant", clientId, address, "success", "scope " + scope);
            return null;
        });
    }
}
