package org.educloud.identity.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.security.SecureRandom;

import javax.sql.DataSource;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/**
 * The token signing keys, kept in the database so every kernel node signs with the same key and
 * publishes the same set. The newest unretired key signs; when it is older than the rotation
 * period a new key takes over, and the old one stays published until every token it signed has
 * expired, so clients holding those tokens can still verify them. Nodes serialise rotation with a
 * database lock.
 */
final class SigningKeyRing {

    /** The algorithms keys are kept for: RS256 signs by default, ES256 for clients that ask for it. */
    static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    private static final DateTimeFormatter KID_DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final KeyEncryptionKey encryption;
    private final Duration rotation;
    private final Duration tokenLifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<JWSAlgorithm, CachedKey> cached = new ConcurrentHashMap<>();

    SigningKeyRing(DataSource dataSource, KeyEncryptionKey encryption, Duration rotation, Duration tokenLifetime, Clock clock) {
        this.dataSource = dataSource;
        this.encryption = encryption;
        this.rotation = rotation;
        this.tokenLifetime = tokenLifetime;
        this.clock = clock;
    }

    /** The RS256 key that signs new tokens (the default). */
    RSAKey current() {
        return (RSAKey) current(JWSAlgorithm.RS256);
    }

    /**
     * The key that signs new tokens with {@code algorithm} (RS256 or ES256), made (or rotated)
     * first when needed; read from the database at most once a minute.
     */
    JWK current(JWSAlgorithm algorithm) {
        CachedKey cached = this.cached.get(algorithm);
        Instant now = clock.instant();
        if (cached != null && cached.readAt.plusSeconds(60).isAfter(now) && cached.createdAt.plus(rotation).isAfter(now)) {
            return cached.key;
        }
        StoredKey newest = newest(algorithm);
        this.cached.put(algorithm, new CachedKey(newest.key, newest.createdAt, now));
        return newest.key;
    }

    private StoredKey newest(JWSAlgorithm algorithm) {
        StoredKey newest = newestUnretired(published(), algorithm);
        if (newest == null || !newest.createdAt.plus(rotation).isAfter(clock.instant())) {
            rotate(algorithm, false);
            newest = newestUnretired(published(), algorithm);
        }
        return newest;
    }

    private static StoredKey newestUnretired(List<StoredKey> keys, JWSAlgorithm algorithm) {
        return keys.stream().filter(k -> k.retiredAt == null && k.key.getAlgorithm().equals(algorithm)).reduce((a, b) -> b)
                .orElse(null);
    }

    /** Every key a client may need to verify a live token: the signing keys and retired ones still published. */
    JWKSet publicKeys() {
        for (JWSAlgorithm algorithm : ALGORITHMS) {
            current(algorithm);
        }
        List<JWK> keys = new ArrayList<>();
        for (StoredKey stored : published()) {
            keys.add(stored.key.toPublicJWK());
        }
        return new JWKSet(keys);
    }

    /** Makes a new signing key now and retires the others, whatever their age (the operator's key rotation). */
    void rotateNow() {
        cached.clear();
        for (JWSAlgorithm algorithm : ALGORITHMS) {
            rotate(algorithm, true);
        }
    }

    /** Makes a new signing key unless another node just did (or, when forced, always). */
    private void rotate(JWSAlgorithm algorithm, boolean force) {
        try (Connection connection = dataSource.getConnection()) {
            if (!lock(connection)) {
                throw new IllegalStateException("another kernel node is rotating the signing keys; try again in a minute");
            }
            try {
                List<StoredKey> keys = published(connection);
                boolean fresh = keys.stream().anyMatch(k -> k.retiredAt == null && k.key.getAlgorithm().equals(algorithm)
                        && k.createdAt.plus(rotation).isAfter(clock.instant()));
                if (force || !fresh) {
                    insertNewKey(connection, algorithm);
                }
            } finally {
                unlock(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the signing keys could not be read or written: " + e.getMessage(), e);
        }
    }

    private void insertNewKey(Connection connection, JWSAlgorithm algorithm) throws SQLException {
        Instant now = clock.instant();
        String kid = KID_DAY.format(now) + "-" + (algorithm.equals(JWSAlgorithm.ES256) ? "ec-" : "") + HexFormat.of().formatHex(randomBytes(4));
        JWK key;
        try {
            key = algorithm.equals(JWSAlgorithm.ES256)
                    ? new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate()
                    : new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a " + algorithm + " signing key: " + e.getMessage(), e);
        }
        try (PreparedStatement retire = connection.prepareStatement(
                "UPDATE idn_signing_key SET retired_at = ?, unpublish_at = ? WHERE retired_at IS NULL AND alg = ?")) {
            retire.setTimestamp(1, Timestamp.from(now));
            retire.setTimestamp(2, Timestamp.from(now.plus(tokenLifetime).plus(Duration.ofMinutes(5))));
            retire.setString(3, algorithm.getName());
            retire.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO idn_signing_key (kid, alg, jwk, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, kid);
            insert.setString(2, algorithm.getName());
            insert.setString(3, encryption.seal(key.toJSONString()));
            insert.setTimestamp(4, Timestamp.from(now));
            insert.executeUpdate();
        }
    }

    private List<StoredKey> published() {
        try (Connection connection = dataSource.getConnection()) {
            return published(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("the signing keys could not be read: " + e.getMessage(), e);
        }
    }

    private List<StoredKey> published(Connection connection) throws SQLException {
        List<StoredKey> keys = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT jwk, created_at, retired_at FROM idn_signing_key "
                + "WHERE unpublish_at IS NULL OR unpublish_at > ? ORDER BY created_at, kid")) {
            query.setTimestamp(1, Timestamp.from(clock.instant()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Timestamp retired = rows.getTimestamp(3);
                    keys.add(new StoredKey(JWK.parse(encryption.open(rows.getString(1))), rows.getTimestamp(2).toInstant(),
                            retired == null ? null : retired.toInstant()));
                }
            }
        } catch (ParseException e) {
            throw new SQLException("a stored signing key is not a valid JWK: " + e.getMessage(), e);
        }
        return keys;
    }

    private static boolean lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK('educloud.identity.signing-keys', 30)");
             ResultSet row = lock.executeQuery()) {
            return row.next() && row.getInt(1) == 1;
        }
    }

    private static void unlock(Connection connection) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT RELEASE_LOCK('educloud.identity.signing-keys')")) {
            unlock.executeQuery().close();
        }
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private record CachedKey(JWK key, Instant createdAt, Instant readAt) {
    }

    private record StoredKey(JWK key, Instant createdAt, Instant retiredAt) {
    }
}
