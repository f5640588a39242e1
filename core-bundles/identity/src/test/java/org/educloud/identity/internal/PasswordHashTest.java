package org.educloud.identity.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    private final PasswordHash light = new PasswordHash(1024, 1, 1, new SecureRandom());

    @Test
    void theOwaspDefaultWritesAPhcStringThatVerifies() {
        PasswordHash owasp = PasswordHash.owaspDefault();
        String stored = owasp.hash("correct horse battery");

        assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored);
        assertTrue(owasp.verify("correct horse battery", stored));
        assertFalse(owasp.verify("correct horse batterY", stored));
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertNotEquals(light.hash("same password here"), light.hash("same password here"));
    }

    @Test
    void aStoredHashKeepsItsOwnParametersAndWeakerOnesAskForARehash() {
        String old = light.hash("correct horse battery");
        PasswordHash stronger = new PasswordHash(2048, 2, 1, new SecureRandom());

        assertTrue(stronger.verify("correct horse battery", old), "old hashes still verify after the cost is raised");
        assertTrue(stronger.needsRehash(old));
        assertFalse(stronger.needsRehash(stronger.hash("correct horse battery")));
    }

    @Test
    void malformedOrForeignHashesNeverVerify() {
        assertFalse(light.verify("x", null));
        assertFalse(light.verify("x", ""));
        assertFalse(light.verify("x", "{CRYPT}$2a$10$abcdefghijklmnopqrstuv"));
        assertFalse(light.verify("x", "$argon2i$v=19$m=1024,t=1,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub"));
    }

    @Test
    void impossibleParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHash(4, 1, 1, new SecureRandom()));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHash(1024, 0, 1, new SecureRandom()));
    }
}
