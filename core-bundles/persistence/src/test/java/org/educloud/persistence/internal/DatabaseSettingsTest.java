package org.educloud.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.annotation.Annotation;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    static DatabaseConfig config(String url, String user, String password, int poolSize) {
        return new DatabaseConfig() {
            public Class<? extends Annotation> annotationType() { return DatabaseConfig.class; }
            public String url() { return url; }
            public String user() { return user; }
            public String password() { return password; }
            public int poolSize() { return poolSize; }
            public long connectionTimeoutMillis() { return 3000; }
        };
    }

    @Test
    void emptyUrlMeansEmbedded() {
        assertTrue(DatabaseSettings.resolve(config("", "educloud", "", 10), Map.of()).embedded());
    }

    @Test
    void environmentWinsOverTheFile() {
        DatabaseSettings s = DatabaseSettings.resolve(config("jdbc:mariadb://file:3306/a", "fileuser", "filepw", 10),
                Map.of("EDUCLOUD_DB_URL", "jdbc:mariadb://env:3306/b", "EDUCLOUD_DB_USER", "envuser",
                        "EDUCLOUD_DB_PASSWORD", "envpw", "EDUCLOUD_DB_POOL_SIZE", "4"));
        assertEquals("jdbc:mariadb://env:3306/b", s.url());
        assertEquals("envuser", s.user());
        assertEquals("envpw", s.password());
        assertEquals(4, s.poolSize());
        assertFalse(s.embedded());
    }

    @Test
    void aUrlThatIsNotMariaDbSaysHowToWriteIt() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> DatabaseSettings.resolve(config("postgres://x/y", "u", "", 10), Map.of()));
        assertTrue(e.getMessage().contains("jdbc:mariadb://HOST:3306/DATABASE"), e.getMessage());
        assertTrue(e.getMessage().contains("EDUCLOUD_DB_URL"), e.getMessage());
    }

    @Test
    void aPoolSizeThatIsNotANumberIsNamed() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> DatabaseSettings.resolve(config("", "u", "", 10), Map.of("EDUCLOUD_DB_POOL_SIZE", "ten")));
        assertTrue(e.getMessage().startsWith("EDUCLOUD_DB_POOL_SIZE='ten' is not a number"), e.getMessage());
    }

    @Test
    void anOutOfRangePoolSizeIsRefused() {
        assertThrows(InvalidSettingException.class, () -> DatabaseSettings.resolve(config("", "u", "", 0), Map.of()));
    }

    @Test
    void passwordsInTheUrlAreHidden() {
        String masked = DatabaseSettings.masked("jdbc:mariadb://h:3306/db?user=a&password=s3cret&useSsl=true");
        assertFalse(masked.contains("s3cret"), masked);
        assertTrue(masked.contains("password=****"), masked);
        assertFalse(DatabaseSettings.resolve(config("", "u", "topsecret", 10), Map.of()).toString().contains("topsecret"));
    }

    @Test
    void hostPortAndDatabaseAreReadFromTheUrl() {
        assertEquals("db.example:3306", DatabaseSettings.hostAndPort("jdbc:mariadb://db.example:3306/educloud?x=1"));
        assertEquals("educloud", DatabaseSettings.databaseName("jdbc:mariadb://db.example:3306/educloud?x=1"));
    }
}
