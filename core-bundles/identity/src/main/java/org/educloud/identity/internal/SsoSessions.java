package org.educloud.identity.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Single sign-on sessions: one per browser login, shared by every app the user opens. The
 * browser holds a random value in a cookie; the table holds its SHA-256, so a database leak
 * gives no one a session. Ending a session revokes every token issued in it.
 */
final class SsoSessions {

    /** A live session. */
    record Session(String id, long accountId, Instant authTime, Instant expiresAt) {
    }

    /** A session just started, with the value for the browser's cookie. */
    record Started(Session session, String cookieValue) {
    }

    private final DataSource dataSource;
    private final Duration lifetime;
    private final Clock clock;

    SsoSessions(DataSource dataSource, Duration lifetime, Clock clock) {
        this.dataSource = dataSource;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /**
     * A cookie for the sign-in paths only, out of scripts' reach, not sent on cross-site
     * subrequests. Its lifetime is an {@code Expires} date, not {@code Max-Age}: some HTTP clients
     * (Java's own) take Max-Age for an RFC 2965 cookie and send the value back in quotes.
     */
    static String cookie(String name, String value, long maxAgeSeconds, boolean secure) {
        String expires = maxAgeSeconds < 0 ? "" : "; Expires=" + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(maxAgeSeconds == 0 ? -86400 : maxAgeSeconds));
        return name + "=" + value + "; Path=/oauth2; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "") + expires;
    }

    Duration lifetime() {
        return lifetime;
    }

    Started start(long accountId, String address) {
        String value = ClientSecret.generate();
        Instant now = clock.instant();
        Session session = new Session(ClientSecret.digest(value), accountId, now, now.plus(lifetime));
        Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO idn_sso_session "
                    + "(id, account_id, auth_time, last_seen, expires_at, address) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, session.id());
                insert.setLong(2, accountId);
                insert.setTimestamp(3, Timestamp.from(now));
                insert.setTimestamp(4, Timestamp.from(now));
                insert.setTimestamp(5, Timestamp.from(session.expiresAt()));
                insert.setString(6, address);
                insert.executeUpdate();
            }
            return null;
        });
        return new Started(session, value);
    }

    /** The live session a cookie value names, if any. */
    Optional<Session> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return Optional.empty();
        }
        return findById(ClientSecret.digest(cookieValue));
    }

    Optional<Session> findById(String id) {
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT account_id, auth_time, expires_at FROM idn_sso_session "
                    + "WHERE id = ? AND ended_at IS NULL AND expires_at > ?")) {
                query.setString(1, id);
                query.setTimestamp(2, Timestamp.from(clock.instant()));
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new Session(id, row.getLong(1), row.getTimestamp(2).toInstant(),
                            row.getTimestamp(3).toInstant())) : Optional.empty();
                }
            }
        });
    }

    /** Ends a session and revokes every token issued in it; returns how many tokens were revoked. */
    int end(String id) {
        return Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE idn_sso_session SET ended_at = ? WHERE id = ? AND ended_at IS NULL")) {
                update.setTimestamp(1, Timestamp.from(clock.instant()));
                update.setString(2, id);
                update.executeUpdate();
            }
            return TokenLedger.revokeSession(connection, id);
        });
    }
}
