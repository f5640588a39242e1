package org.educloud.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

/** Key rotation against a real MariaDB, with a clock the test moves. */
class SigningKeyRingTest {

    private static final KeyEncryptionKey KEK = new KeyEncryptionKey(new byte[32]);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private SigningKeyRing ring;
    private DataSource dataSource;

    @BeforeEach
    void freshDatabase() throws Exception {
        dataSource = IdentityDatabase.fresh("educloud_identity_keys");
        ring = new SigningKeyRing(dataSource, KEK, Duration.ofDays(90), Duration.ofSeconds(300), clock);
    }

    @Test
    void theFirstKeyIsMadeOnDemandAndSharedByEveryNode() {
        RSAKey key = ring.current();
        SigningKeyRing otherNode = new SigningKeyRing(dataSource, KEK, Duration.ofDays(90), Duration.ofSeconds(300), clock);

        assertEquals(key.getKeyID(), otherNode.current().getKeyID());
        assertTrue(key.isPrivate());
        assertTrue(kids(ring).contains(key.getKeyID()));
        assertTrue(ring.publicKeys().getKeys().stream().noneMatch(JWK::isPrivate));
    }

    @Test
    void anOldKeyIsReplacedButStaysPublishedUntilItsTokensHaveExpired() {
        String first = ring.current().getKeyID();
        clock.advance(Duration.ofDays(91));

        String second = ring.current().getKeyID();
        assertNotEquals(first, second);
        assertTrue(kids(ring).containsAll(List.of(first, second)), "tokens signed a moment ago still verify");

        clock.advance(Duration.ofMinutes(11));
        assertTrue(kids(ring).contains(second));
        assertTrue(!kids(ring).contains(first), "gone once its last token has expired (lifetime plus 5 minutes)");
    }

    @Test
    void anEs256KeyIsKeptBesideTheRsaKeyForClientsThatAskForIt() {
        JWK ec = ring.current(JWSAlgorithm.ES256);
        assertTrue(ec instanceof ECKey, ec.getClass().getName());
        assertEquals(JWSAlgorithm.ES256, ec.getAlgorithm());
        assertTrue(kids(ring).contains(ec.getKeyID()));
        assertTrue(kids(ring).contains(ring.current().getKeyID()), "rotating one algorithm never retires the other");
        assertEquals(2, kids(ring).size());
    }

    @Test
    void theOperatorCanRotateAtOnce() {
        String first = ring.current().getKeyID();
        ring.publicKeys();
        ring.rotateNow();

        assertNotEquals(first, ring.current().getKeyID());
        assertEquals(4, kids(ring).size(), "the new RS256 and ES256 keys and the retired ones, still published");
    }

    @Test
    void theIssuerMustBeAnAbsoluteWebUrlWithoutATrailingSlash() {
        assertEquals("https://id.example.edu.cn", OidcProvider.issuerOf(" https://id.example.edu.cn ").getValue());
        for (String bad : new String[] {"", "id.example.edu.cn", "ftp://id.example.edu.cn", "https://id.example.edu.cn/",
            "https://id.example.edu.cn?x=1", "http://[bad"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OidcProvider.issuerOf(bad), bad);
            assertTrue(e.getMessage().contains("org.educloud.identity.cfg"), e.getMessage());
        }
    }

    private static List<String> kids(SigningKeyRing ring) {
        return ring.publicKeys().getKeys().stream().map(JWK::getKeyID).toList();
    }
}
