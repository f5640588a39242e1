package org.educloud.basedata.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides the {@link IdNumberCipher} from the configured key. Refuses to start, saying what to do,
 * when the key is missing or malformed, or when it does not open the ID numbers already stored (a
 * wrong key would otherwise seal new numbers that no other node could read). For the plain run it
 * generates a key at first start and writes it into {@code etc/org.educloud.basedata.cfg}, readable
 * only by the kernel's user, as the operator password is generated.
 */
@Component(service = IdNumberKeys.class, configurationPid = BasedataConfig.PID)
public class IdNumberKeys {

    static final String KEY_ENV = "EDUCLOUD_ID_NUMBER_KEY";
    static final String CONFIG_FILE = BasedataConfig.PID + ".cfg";
    private static final Logger LOG = LoggerFactory.getLogger(IdNumberKeys.class);
    private static final Pattern KEY_LINE = Pattern.compile("^\\s*idNumberKey\\s*[=:].*$");

    private final IdNumberCipher cipher;

    @Activate
    public IdNumberKeys(BasedataConfig config,
            @Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource) {
        this(System.getenv(KEY_ENV), config, dataSource, Path.of(System.getProperty("karaf.etc", "etc"), CONFIG_FILE));
    }

    IdNumberKeys(String fromEnvironment, BasedataConfig config, DataSource dataSource, Path configFile) {
        SecureRandom random = new SecureRandom();
        String configured = fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : config.idNumberKey();
        String source = fromEnvironment != null && !fromEnvironment.isBlank() ? KEY_ENV : "idNumberKey in " + configFile;
        byte[] key;
        if (configured == null || configured.isBlank()) {
            long stored = storedNumbers(dataSource);
            if (!config.generateKeyWhenMissing() || stored > 0) {
                String message = "No key for national ID numbers is set" + (stored > 0 ? ", yet " + stored
                        + " encrypted ID numbers are stored: set the key they were encrypted with (from the other nodes or your backup)"
                        : ": generate one with `openssl rand -base64 32`") + " and put it in idNumberKey of " + configFile
                        + " or in " + KEY_ENV + "; the basic-data services stay off until then";
                LOG.error(message);
                throw new IllegalStateException(message);
            }
            key = new byte[IdNumberCipher.KEY_BYTES];
            random.nextBytes(key);
            persist(configFile, Base64.getEncoder().encodeToString(key));
        } else {
            key = decode(configured.strip(), source);
        }
        this.cipher = new IdNumberCipher(key, random);
        verifyAgainstStored(dataSource, source);
    }

    public IdNumberCipher cipher() {
        return cipher;
    }

    static byte[] decode(String text, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw refuse(source + " is not base64 (" + e.getMessage() + ")");
        }
        if (key.length != IdNumberCipher.KEY_BYTES) {
            throw refuse(source + " holds " + key.length + " bytes; it must hold " + IdNumberCipher.KEY_BYTES);
        }
        return key;
    }

    private static IllegalStateException refuse(String what) {
        String message = "The key for national ID numbers is not usable: " + what + ". Generate one with "
                + "`openssl rand -base64 32` (44 characters); the basic-data services stay off until then";
        LOG.error(message);
        return new IllegalStateException(message);
    }

    /** Writes the generated key into the config file (and nowhere else), readable only by this user. */
    private static void persist(Path configFile, String key) {
        try {
            List<String> lines = Files.exists(configFile) ? new ArrayList<>(Files.readAllLines(configFile, StandardCharsets.UTF_8))
                    : new ArrayList<>();
            boolean replaced = false;
            for (int i = 0; i < lines.size(); i++) {
                if (KEY_LINE.matcher(lines.get(i)).matches()) {
                    lines.set(i, "idNumberKey = " + key);
                    replaced = true;
                }
            }
            if (!replaced) {
                lines.add("idNumberKey = " + key);
            }
            // Written beside the file and moved over it in one step: Karaf's file watcher must never read it half-written.
            Path written = configFile.resolveSibling("." + configFile.getFileName() + ".new");
            Files.deleteIfExists(written);
            Files.createFile(written, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(written, lines, StandardCharsets.UTF_8);
            Files.move(written, configFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("Generated the key for national ID numbers and wrote it to {} (readable only by this user). "
                    + "Back it up: without it no stored ID number can be read.", configFile);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("Generated a key for national ID numbers but could not write it to " + configFile
                    + " (" + e.getMessage() + "): make the file writable, or set idNumberKey yourself "
                    + "(`openssl rand -base64 32`)", e);
        }
    }

    private static long storedNumbers(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT COUNT(*) FROM bd_person WHERE id_number_cipher IS NOT NULL");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the stored ID numbers: " + e.getMessage(), e);
        }
    }

    /** A wrong key is found at start, not at the first read. */
    private void verifyAgainstStored(DataSource dataSource, String source) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT sourced_id, id_number_cipher FROM bd_person WHERE id_number_cipher IS NOT NULL LIMIT 1");
             ResultSet row = query.executeQuery()) {
            if (row.next()) {
                try {
                    cipher.decrypt(row.getBytes(2), row.getString(1));
                } catch (IllegalStateException e) {
                    String message = "The key in " + source + " does not open the stored ID numbers: it is not the key they "
                            + "were encrypted with. Set that key (from the other nodes or your backup); the basic-data "
                            + "services stay off until then";
                    LOG.error(message);
                    throw new IllegalStateException(message, e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the stored ID numbers: " + e.getMessage(), e);
        }
    }
}
