package org.educloud.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEncryptionKeyTest {

    @TempDir
    Path data;

    @Test
    void sealedKeysOpenWithTheSameKeyOnly() {
        KeyEncryptionKey key = KeyEncryptionKey.resolve(Base64.getEncoder().encodeToString(new byte[32]), null, data);
        String sealed = key.seal("{\"kty\":\"RSA\"}");
        assertTrue(sealed.startsWith(KeyEncryptionKey.PREFIX));
        assertNotEquals(sealed, key.seal("{\"kty\":\"RSA\"}"), "a fresh IV each time");
        assertEquals("{\"kty\":\"RSA\"}", key.open(sealed));

        byte[] other = new byte[32];
        other[0] = 1;
        IllegalStateException wrong = assertThrows(IllegalStateException.class, () -> new KeyEncryptionKey(other).open(sealed));
        assertTrue(wrong.getMessage().contains("same on every node"), wrong.getMessage());
    }

    @Test
    void withoutConfigurationANodeMakesAndKeepsItsOwnKey() {
        KeyEncryptionKey first = KeyEncryptionKey.resolve("", null, data);
        KeyEncryptionKey again = KeyEncryptionKey.resolve(null, null, data);
        assertEquals("secret", again.open(first.seal("secret")));
    }

    @Test
    void aMalformedKeySaysHowToMakeOne() {
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> KeyEncryptionKey.resolve(Base64.getEncoder().encodeToString(new byte[16]), null, data));
        assertTrue(shortKey.getMessage().contains("openssl rand -base64 32"), shortKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeyEncryptionKey.resolve("not base64!", null, data));
    }
}
