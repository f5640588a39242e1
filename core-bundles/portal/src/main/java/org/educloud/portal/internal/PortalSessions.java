package org.educloud.portal.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Portal sessions in {@code portal_session}, the shared database: any kernel node serves any
 * session and a restart logs no one out (memory would do neither). The browser holds a random
 * value in an HttpOnly cookie; the table holds its SHA-256. A session starts as a login in
 * progress (state, nonce, PKCE verifier) and gets a new id when the login completes, so a value
 * planted before the login is worth nothing after it.
 */
final class PortalSessions {

    /** A login sent to the provider and not back yet. */
    record PendingLogin(String id, String state, String nonce, String codeVerifier) {
    }

    /** A logged-in session. */
    record Session(String id, String username, String csrf, String accessToken, Instant accessExpiresAt, Optional<String> refreshToken,
            Optional<String> idToken, Instant expiresAt) {
    }

    /** A row just made, with the value for the browser's cookie. */
    record Started<T>(T row, String cookieValue) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Duration lifetime;
    private final Duration loginLifetime;
    private final Clock clock;

    PortalSessions(DataSource dataSource, Duration lifetime, Duration loginLifetime, Clock clock) {
        this.dataSource = dataSource;
        this.lifetime = lifetime;
        this.loginLifetime = loginLifetime;
        this.clock = clock;
    }

    Duration lifetime() {
        return lifetime;
    }

    Duration loginLifetime() {
        return loginLifetime;
    }

    Started<PendingLogin> startLogin() {
        String value = random();
        PendingLogin login = new PendingLogin(digest(value), random(), random(), random() + random());
        Instant now = clock.instant();
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO portal_session "
                    + "(id, state, nonce, code_verifier, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, login.id());
                insert.setString(2, login.state());
                insert.setString(3, login.nonce());
                insert.setString(4, login.codeVerifier());
                insert.setTimestamp(5, Timestamp.from(now));
                insert.setTimestamp(6, Timestamp.from(now.plus(loginLifetime)));
                return insert.executeUpdate();
            }
        });
        return new Started<>(login, value);
    }

    Optional<PendingLogin> pendingLogin(String cookieValue) {
        return row(cookieValue, "state IS NOT NULL", rs -> new PendingLogin(rs.getString("id"), rs.getString("state"),
                rs.getString("nonce"), rs.getString("code_verifier")));
    }

    /** Ends the pending login and starts the session under a new id. */
    Started<Session> completeLogin(PendingLogin login, KernelLogin.Tokens tokens) {
        String value = random();
        Instant now = clock.instant();
        Session session = new Session(digest(value), tokens.username().orElseThrow(), random(), tokens.accessToken(),
                tokens.accessExpiresAt(), tokens.refreshToken(), tokens.idToken(), now.plus(lifetime));
        Jdbc.inTransaction(dataSource, connection -> {
            delete(connection, login.id());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO portal_session (id, username, csrf, access_token, "
                    + "access_expires_at, refresh_token, id_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, session.id());
                insert.setString(2, session.username());
                insert.setString(3, session.csrf());
                insert.setString(4, session.accessToken());
                insert.setTimestamp(5, Timestamp.from(session.accessExpiresAt()));
                insert.setString(6, session.refreshToken().orElse(null));
                insert.setString(7, session.idToken().orElse(null));
                insert.setTimestamp(8, Timestamp.from(now));
                insert.setTimestamp(9, Timestamp.from(session.expiresAt()));
                return insert.executeUpdate();
            }
        });
        return new Started<>(session, value);
    }

    Optional<Session> session(String cookieValue) {
        return row(cookieValue, "username IS NOT NULL", rs -> new Session(rs.getString("id"), rs.getString("username"),
                rs.getString("csrf"), rs.getString("access_token"), rs.getTimestamp("access_expires_at").toInstant(),
                Optional.ofNullable(rs.getString("refresh_token")), Optional.ofNullable(rs.getString("id_token")),
                rs.getTimestamp("expires_at").toInstant()));
    }

    /** Keeps refreshed tokens (the refresh token rotates; the ID token stays unless a new one came). */
    Session refreshed(Session session, KernelLogin.Tokens tokens) {
        Session updated = new Session(session.id(), session.username(), session.csrf(), tokens.accessToken(), tokens.accessExpiresAt(),
                tokens.refreshToken().or(session::refreshToken), tokens.idToken().or(session::idToken), session.expiresAt());
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE portal_session SET access_token = ?, "
                    + "access_expires_at = ?, refresh_token = ?, id_token = ? WHERE id = ?")) {
                update.setString(1, updated.accessToken());
                update.setTimestamp(2, Timestamp.from(updated.accessExpiresAt()));
                update.setString(3, updated.refreshToken().orElse(null));
                update.setString(4, updated.idToken().orElse(null));
                update.setString(5, updated.id());
                return update.executeUpdate();
            }
        });
        return updated;
    }

    void end(String id) {
        Jdbc.inTransaction(dataSource, connection -> delete(connection, id));
    }

    /** Forgets expired sessions and abandoned logins; returns how many. */
    int purgeExpired() {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM portal_session WHERE expires_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(clock.instant()));
                return delete.executeUpdate();
            }
        });
    }

    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private <T> Optional<T> row(String cookieValue, String condition, RowMapper<T> mapper) {
        if (cookieValue == null || cookieValue.length() < 40) {
            return Optional.empty();
        }
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM portal_session WHERE id = ? AND expires_at > ? AND "
                    + condition)) {
                query.setString(1, digest(cookieValue));
                query.setTimestamp(2, Timestamp.from(clock.instant()));
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(mapper.map(row)) : Optional.<T>empty();
                }
            }
        });
    }

    private static int delete(java.sql.Connection connection, String id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM portal_session WHERE id = ?")) {
            delete.setString(1, id);
            return delete.executeUpdate();
        }
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }
}
