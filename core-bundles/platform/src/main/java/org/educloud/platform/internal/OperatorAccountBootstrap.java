package org.educloud.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;

import org.apache.karaf.jaas.modules.Encryption;
import org.apache.karaf.jaas.modules.EncryptionService;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At first start, creates the operator's shell login, since the distribution ships none (the
 * classic karaf/karaf login never works). The password is hashed through Karaf's own JAAS encryption
 * service with the realm's own settings ({@link RealmEncryption}), so the login module verifies it
 * the way it verifies every password.
 */
@Component(immediate = true)
public class OperatorAccountBootstrap {

    static final String PASSWORD_ENV = "EDUCLOUD_OPERATOR_PASSWORD";
    static final String INITIAL_PASSWORD_FILE = "operator-initial-password";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorAccountBootstrap.class);

    @Activate
    public OperatorAccountBootstrap(
            @Reference(name = "encryption", target = "(name=" + RealmEncryption.SERVICE_NAME + ")") EncryptionService encryptionService,
            @Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin) {
        Path usersFile = Path.of(System.getProperty("karaf.etc", "etc"), "users.properties");
        Path dataDir = Path.of(System.getProperty("karaf.data", "data"));
        try {
            Dictionary<String, Object> realm = configurationAdmin.getConfiguration(RealmEncryption.PID, null).getProperties();
            Map<String, Object> config = new HashMap<>();
            if (realm != null) {
                Collections.list(realm.keys()).forEach(key -> config.put(key, realm.get(key)));
            }
            createIfMissing(usersFile, dataDir, encryptionService, RealmEncryption.from(realm == null ? null : config),
                    System.getenv(PASSWORD_ENV));
        } catch (IOException e) {
            LOG.error("Could not create the operator login in {}: {}. Check that the file is writable.", usersFile, e.getMessage());
        } catch (IllegalStateException e) {
            LOG.error("No operator login was created: {}", e.getMessage());
        }
    }

    static void createIfMissing(Path usersFile, Path dataDir, EncryptionService encryptionService, RealmEncryption realm,
            String chosen) throws IOException {
        if (!Files.exists(usersFile) || OperatorAccount.anyUser(Files.readAllLines(usersFile, StandardCharsets.UTF_8))) {
            return;
        }
        String password = chosen;
        boolean generated = password == null || password.isEmpty();
        if (generated) {
            password = OperatorAccount.generatePassword(new SecureRandom());
        } else {
            String weakness = OperatorAccount.weakness(password);
            if (weakness != null) {
                LOG.error("{} is not usable as the operator password: {}. No operator login was created; "
                        + "set a longer password and restart.", PASSWORD_ENV, weakness);
                return;
            }
        }
        Encryption encryption = encryptionService.createEncryption(realm.params());
        OperatorAccount.append(usersFile, OperatorAccount.userLine(realm.stored(encryption.encryptPassword(password))));
        if (generated) {
            Path passwordFile = dataDir.resolve(INITIAL_PASSWORD_FILE);
            OperatorAccount.writeOwnerOnly(passwordFile, password);
            LOG.warn("Created the operator login '{}' with a generated password, readable only by this user in {}. "
                    + "Log in with: ssh -p 8101 {}@localhost", OperatorAccount.USER, passwordFile, OperatorAccount.USER);
        } else {
            LOG.info("Created the operator login '{}' with the password given in {}", OperatorAccount.USER, PASSWORD_ENV);
        }
    }
}
