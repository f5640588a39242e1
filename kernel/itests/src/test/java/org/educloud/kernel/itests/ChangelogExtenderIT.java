package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.educloud.persistence.Migration;
import org.educloud.persistence.MigrationState;
import org.educloud.persistence.SchemaMigrations;
import org.educloud.testkit.Eventually;
import org.educloud.testkit.KernelHttp;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A bundle's changelog lands in the real database when it starts; a broken one keeps that bundle
 * from starting while the kernel, its health endpoint and every other bundle go on.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ChangelogExtenderIT {

    @Inject
    private BundleContext context;

    @Inject
    @Filter(value = SchemaMigrations.DATA_SOURCE_FILTER, timeout = 120_000)
    private DataSource dataSource;

    @Inject
    @Filter(timeout = 120_000)
    private SchemaMigrations migrations;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    private int count(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    public void aStartingBundlesChangelogCreatesItsTables() throws Exception {
        Bundle bundle = context.installBundle("itest:changelog-good", ChangelogBundle.withChanges("itest.changelog.good", """
                <createTable tableName="itest_greeting">
                  <column name="id" type="INT"><constraints primaryKey="true"/></column>
                  <column name="text" type="VARCHAR(100)"/>
                </createTable>
                <insert tableName="itest_greeting"><column name="id" valueNumeric="1"/><column name="text" value="你好"/></insert>
                """));
        try {
            bundle.start();

            assertEquals(Bundle.ACTIVE, bundle.getState());
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT text FROM itest_greeting WHERE id = 1")) {
                assertTrue("the changelog's row is in the table", rows.next());
                assertEquals("你好", rows.getString(1));
            }
            assertEquals(MigrationState.APPLIED, stateOf("itest.changelog.good"));

            // Starting again does not apply the change set twice (its insert would fail on the primary key):
            // the unchanged changelog is recognised by its fingerprint, and Liquibase, asked anyway, skips it.
            assertEquals(1, count("SELECT COUNT(*) FROM educloud_changelog_state WHERE bundle = 'itest.changelog.good'"));
            bundle.stop();
            bundle.start();
            assertEquals(Bundle.ACTIVE, bundle.getState());
            execute("DELETE FROM educloud_changelog_state WHERE bundle = 'itest.changelog.good'");
            bundle.stop();
            bundle.start();
            assertEquals(Bundle.ACTIVE, bundle.getState());

            // A new version with one more change set, updated in the running kernel (an app upgrade), gets it applied.
            bundle.update(ChangelogBundle.withChanges("itest.changelog.good", """
                <createTable tableName="itest_greeting">
                  <column name="id" type="INT"><constraints primaryKey="true"/></column>
                  <column name="text" type="VARCHAR(100)"/>
                </createTable>
                <insert tableName="itest_greeting"><column name="id" valueNumeric="1"/><column name="text" value="你好"/></insert>
                """, """
                <insert tableName="itest_greeting"><column name="id" valueNumeric="2"/><column name="text" value="再见"/></insert>
                """));
            bundle.start();
            assertEquals(Bundle.ACTIVE, bundle.getState());
            assertEquals(2, count("SELECT COUNT(*) FROM itest_greeting"));

        } finally {
            bundle.uninstall();
        }
    }

    @Test
    public void aBrokenChangelogKeepsOnlyItsBundleFromStarting() throws Exception {
        Bundle broken = context.installBundle("itest:changelog-broken", ChangelogBundle.withChanges("itest.changelog.broken",
                "<sql>CREATE TABLE itest_broken (id INT PRIMARY KEY,</sql>"));
        try {
            broken.start();

            Eventually.holds("the broken bundle is stopped", Duration.ofSeconds(30), () -> broken.getState() == Bundle.RESOLVED);
            assertEquals(MigrationState.FAILED, stateOf("itest.changelog.broken"));

            JsonNode health = KernelHttp.health();
            JsonNode check = health.path("checks").path("migrations");
            assertEquals(health.toString(), "DEGRADED", check.path("status").asText());
            String reason = check.path("facts").path("itest.changelog.broken").asText();
            assertTrue(reason, reason.startsWith("FAILED: "));
            assertTrue("the reason names the SQL error: " + reason, reason.toLowerCase().contains("sql"));
            assertNotEquals("the kernel still serves", "DOWN", health.path("status").asText());
            for (Bundle bundle : context.getBundles()) {
                if (bundle.getSymbolicName().startsWith("org.educloud.")) {
                    assertEquals(bundle.getSymbolicName(), Bundle.ACTIVE, bundle.getState());
                }
            }
        } finally {
            broken.uninstall();
        }
        JsonNode after = KernelHttp.health();
        assertEquals("an uninstalled bundle's failure is forgotten: " + after, "UP",
                after.path("checks").path("migrations").path("status").asText());
    }

    private MigrationState stateOf(String symbolicName) {
        return migrations.migrations().stream()
                .filter(m -> m.bundleSymbolicName().equals(symbolicName))
                .map(Migration::state)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no migration recorded for " + symbolicName));
    }
}
