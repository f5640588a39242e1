package org.educloud.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.karaf.jaas.spring_security_crypto.impl.SpringSecurityCryptoEncryption;
import org.junit.jupiter.api.Test;

/** The shipped realm configuration, run through Karaf's real bcrypt encryption, as the login module does. */
class RealmEncryptionTest {

    private static Map<String, Object> shippedConfig() throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("../../kernel/distribution/src/main/resources/assembly/etc/org.apache.karaf.jaas.cfg"))) {
            properties.load(reader);
        }
        Map<String, Object> config = new HashMap<>();
        properties.forEach((key, value) -> config.put((String) key, value));
        return config;
    }

    @Test
    void aStoredOperatorPasswordVerifiesTheWayTheLoginModuleChecksIt() throws Exception {
        RealmEncryption realm = RealmEncryption.from(shippedConfig());
        String stored = realm.stored(new SpringSecurityCryptoEncryption(realm.params()).encryptPassword("correct-horse-battery"));
        assertTrue(stored.startsWith(realm.prefix()) && stored.endsWith(realm.suffix()), stored);

        // The login module strips prefix and suffix, then checks with the realm's own parameters.
        String hash = stored.substring(realm.prefix().length(), stored.length() - realm.suffix().length());
        SpringSecurityCryptoEncryption loginModule = new SpringSecurityCryptoEncryption(realm.params());
        assertTrue(loginModule.checkPassword("correct-horse-battery", hash));
        assertFalse(loginModule.checkPassword("wrong-horse-battery", hash));
    }

    @Test
    void theShippedRealmHashesWithBcrypt() throws Exception {
        assertEquals("bcrypt", RealmEncryption.from(shippedConfig()).params().get("algorithm"));
    }

    @Test
    void encryptionOffIsRefusedWithTheSettingToChange() throws Exception {
        Map<String, Object> config = shippedConfig();
        config.put("encryption.enabled", "false");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RealmEncryption.from(config));
        assertTrue(e.getMessage().contains("encryption.enabled = true"), e.getMessage());
    }
}
