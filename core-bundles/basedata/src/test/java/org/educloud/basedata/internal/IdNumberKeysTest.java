package org.educloud.basedata.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import org.educloud.basedata.NationalId;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the ID number key comes from, and that a missing, malformed or wrong key stops the start with a clear reason. */
class IdNumberKeysTest {

    private static final String KEY = Base64.getEncoder().encodeToString(IdNumberCipherTest.key(7));
    private DataSource dataSource;

    @TempDir
    Path etc;

    @BeforeEach
    void freshDatabase() throws Exception {
        dataSource = BasedataDatabase.fresh("unit_keys");
    }

    @Test
    void aConfiguredKeyIsUsedAndTheEnvironmentWins() {
        byte[] sealed = new IdNumberKeys(null, config(KEY, false), dataSource, etc.resolve("x.cfg")).cipher()
                .encrypt(new NationalId("11010519491231002X"), "p");
        String other = Base64.getEncoder().encodeToString(IdNumberCipherTest.key(8));
        IdNumberKeys fromEnvironment = new IdNumberKeys(KEY, config(other, false), dataSource, etc.resolve("x.cfg"));
        assertEquals("11010519491231002X", fromEnvironment.cipher().decrypt(sealed, "p").value());
    }

    @Test
    void aMalformedKeySaysWhatIsWrongAndHowToMakeOne() {
        IllegalStateException notBase64 = assertThrows(IllegalStateException.class,
                () -> new IdNumberKeys(null, config("not a key!", false), dataSource, etc.resolve("x.cfg")));
        assertTrue(notBase64.getMessage().contains("not base64") && notBase64.getMessage().contains("openssl rand -base64 32"),
                notBase64.getMessage());
        IllegalStateException tooShort = assertThrows(IllegalStateException.class, () -> new IdNumberKeys(null,
                config(Base64.getEncoder().encodeToString(new byte[16]), false), dataSource, etc.resolve("x.cfg")));
        assertTrue(tooShort.getMessage().contains("16 bytes; it must hold 32"), tooShort.getMessage());
    }

    @Test
    void aMissingKeyIsRefusedUnlessGeneratingIsAllowed() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> new IdNumberKeys(null, config("", false), dataSource, etc.resolve("x.cfg")));
        assertTrue(missing.getMessage().contains("openssl rand -base64 32"), missing.getMessage());
    }

    @Test
    void thePlainRunGeneratesAKeyIntoTheConfigFileReadableOnlyByItsUser() throws Exception {
        Path file = etc.resolve(IdNumberKeys.CONFIG_FILE);
        Files.writeString(file, "# comment\nidNumberKey =\ngenerateKeyWhenMissing = true\n");
        new IdNumberKeys(null, config("", true), dataSource, file);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals("# comment", lines.get(0));
        String key = lines.get(1).substring("idNumberKey = ".length());
        assertEquals(32, Base64.getDecoder().decode(key).length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        new IdNumberKeys(null, config(key, true), dataSource, file); // the written key is usable as it stands
    }

    @Test
    void noKeyIsGeneratedOverStoredNumbersAndAWrongKeyIsRefusedAtStart() {
        IdNumberCipher cipher = new IdNumberKeys(null, config(KEY, false), dataSource, etc.resolve("x.cfg")).cipher();
        TestCaller operator = TestCaller.holding("operator", "*", "/");
        Org province = new JdbcOrgDirectory(dataSource).create(operator,
                new Org(null, OrgKind.PROVINCE, "37", "山东省", null, null, null, null, null, 0, null, null));
        new JdbcPersonRegistry(dataSource, cipher).create(operator, new Person(null, PersonRole.STAFF, province.sourcedId(), null,
                "王", "芳", "female", null, new NationalId("11010519491231002X"), null, null, null, null, null, null, 0, null, null));

        IllegalStateException lost = assertThrows(IllegalStateException.class,
                () -> new IdNumberKeys(null, config("", true), dataSource, etc.resolve("x.cfg")));
        assertTrue(lost.getMessage().contains("1 encrypted ID numbers are stored"), lost.getMessage());
        IllegalStateException wrong = assertThrows(IllegalStateException.class, () -> new IdNumberKeys(null,
                config(Base64.getEncoder().encodeToString(IdNumberCipherTest.key(9)), false), dataSource, etc.resolve("x.cfg")));
        assertTrue(wrong.getMessage().contains("does not open the stored ID numbers"), wrong.getMessage());
    }

    static BasedataConfig config(String key, boolean generate) {
        return new BasedataConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return BasedataConfig.class;
            }

            @Override
            public String idNumberKey() {
                return key;
            }

            @Override
            public boolean generateKeyWhenMissing() {
                return generate;
            }

            @Override
            public long importMaxMegabytes() {
                return 1024;
            }

            @Override
            public int importWriters() {
                return 2;
            }
        };
    }

    static IdNumberCipher testCipher() {
        return new IdNumberCipher(IdNumberCipherTest.key(3), new SecureRandom());
    }
}
