package org.educloud.appcenter.deployment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.educloud.appcenter.deployment.Deployment;
import org.educloud.appcenter.deployment.DeploymentState;
import org.educloud.appcenter.deployment.Installation;
import org.educloud.appcenter.deployment.StoredPackage;
import org.educloud.identity.OrgPath;
import org.educloud.sdk.app.AppDescriptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** The app center's tables on MariaDB (127.0.0.1:3306, database appcenter_deployment_test); skipped without a server. */
class DesiredStateTest {

    private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    private static final String DATABASE = "appcenter_deployment_test";
    private static final String SCHOOL_A = "/37/3701/370102/3701020001";
    private static final String SCHOOL_B = "/37/3701/370102/3701020002";

    private DesiredState state;
    private InstallationsByOrg byOrg;

    @BeforeEach
    void freshDatabase() throws Exception {
        try (Connection server = DriverManager.getConnection(SERVER + "?connectTimeout=1000", "root", "");
             Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            assumeTrue(false, "no MariaDB on 127.0.0.1:3306: " + e.getMessage());
        }
        MariaDbDataSource dataSource = new MariaDbDataSource(SERVER + DATABASE);
        dataSource.setUser("root");
        dataSource.setPassword("");
        try (Connection connection = dataSource.getConnection()) {
            new Liquibase("db/appcenter-changelog.xml", new ClassLoaderResourceAccessor(),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection))).update("");
        }
        byOrg = new InstallationsByOrg(dataSource);
        state = new DesiredState(dataSource, Clock.fixed(Instant.parse("2026-09-01T08:00:00Z"), ZoneOffset.UTC));
    }

    private static StoredPackage stored(String version) {
        return new StoredPackage(new AppDescriptor("hello-school", version, "[1.0,2)", "你好学校", "Hello School", "Example",
                List.of("profile"), List.of("org.example.hello")), "ab".repeat(32), 1234, "vendor", Instant.parse("2026-08-01T00:00:00Z"));
    }

    @Test
    void storedPackagesComeBackWholeInVersionOrder() throws Exception {
        state.addPackage(stored("1.10.0"), "/packages/10.kar");
        state.addPackage(stored("1.9.0"), "/packages/9.kar");
        List<DesiredState.PackageRow> rows = state.packages("hello-school");
        assertEquals(List.of("1.9.0", "1.10.0"), rows.stream().map(r -> r.stored().version()).toList(), "numeric, not text order");
        assertEquals(stored("1.9.0"), rows.get(0).stored());
        assertEquals("/packages/9.kar", rows.get(0).file());
        assertThrows(SQLException.class, () -> state.addPackage(stored("1.9.0"), "/again.kar"), "a stored version never changes");
    }

    @Test
    void installationsAreFoundByOrgAboveAndInside() throws Exception {
        state.addPackage(stored("1.0.0"), "/packages/1.kar");
        state.install("hello-school", "1.0.0", SCHOOL_A, "admin-a");
        state.install("hello-school", "1.0.0", "/37/3702", "city-admin");
        state.install("hello-school", "1.0.0", "/37/3701/370102/3701_20001", "admin");
        OrgPath teacherA = OrgPath.of(SCHOOL_A);
        assertEquals(List.of("/37/3701/370102/3701020001"), orgs(byOrg.atOrAbove(List.of(teacherA))));
        assertEquals(List.of("/37/3701/370102/3701020001", "/37/3702"), orgs(byOrg.atOrAbove(List.of(teacherA,
                OrgPath.of("/37/3702/370202/3702020001")))), "installed city-wide: every school of the city");
        assertEquals(List.of(), orgs(byOrg.atOrAbove(List.of(OrgPath.of(SCHOOL_B)))));
        assertEquals(java.util.Set.of("/37/3701/370102/3701020001", "/37/3701/370102/3701_20001"),
                java.util.Set.copyOf(orgs(byOrg.within(List.of(OrgPath.of("/37/3701"))))));
        assertEquals(List.of("/37/3701/370102/3701_20001"), orgs(byOrg.within(List.of(OrgPath.of("/37/3701/370102/3701_20001")))),
                "'_' in an org id is not a wildcard");
        assertEquals(3, byOrg.within(List.of(OrgPath.ROOT)).size());
        assertEquals(List.of(), byOrg.within(List.of()));
    }

    @Test
    void theAppsApiAdmitsItsSchoolsTheOrgsAboveThemAndOfficersAboveThem() throws Exception {
        state.addPackage(stored("1.0.0"), "/packages/1.kar");
        state.install("hello-school", "1.0.0", SCHOOL_A, "admin-a");
        state.install("hello-school", "1.0.0", "/37/3702/370202", "district-admin");
        assertTrue(byOrg.installedAround("hello-school", List.of(OrgPath.of(SCHOOL_A))), "the school that installed it");
        assertTrue(byOrg.installedAround("hello-school", List.of(OrgPath.of("/37/3701/370102"))), "an officer of its district");
        assertTrue(byOrg.installedAround("hello-school", List.of(OrgPath.of("/37/3702/370202/3702020009"))),
                "installed district-wide: every school of the district");
        assertFalse(byOrg.installedAround("hello-school", List.of(OrgPath.of(SCHOOL_B))), "another school");
        assertFalse(byOrg.installedAround("hello-school", List.of(OrgPath.of("/37/3703"))), "another city");
        assertFalse(byOrg.installedAround("notices", List.of(OrgPath.of(SCHOOL_A))), "another app");
        assertFalse(byOrg.installedAround("hello-school", List.of()), "no role anywhere");
        assertTrue(byOrg.installedAround("hello-school", List.of(OrgPath.of(SCHOOL_B), OrgPath.of(SCHOOL_A))), "any of the orgs");
    }

    private static List<String> orgs(List<Installation> installations) {
        return installations.stream().map(Installation::org).toList();
    }

    @Test
    void theWantedVersionIsTheHighestInstalledAndUpgradesMoveEveryOrg() throws Exception {
        state.addPackage(stored("1.0.0"), "/1.kar");
        state.addPackage(stored("1.1.0"), "/2.kar");
        assertEquals(Optional.empty(), state.wantedVersion("hello-school"));
        assertTrue(state.install("hello-school", "1.0.0", SCHOOL_A, "admin-a"));
        assertFalse(state.install("hello-school", "1.0.0", SCHOOL_A, "admin-a"), "once per org");
        assertTrue(state.install("hello-school", "1.0.0", SCHOOL_B, "admin-b"));
        assertEquals(Optional.of("1.0.0"), state.wantedVersion("hello-school"));
        assertEquals(2, state.moveTo("hello-school", "1.1.0", "operator"));
        assertEquals(Optional.of("1.1.0"), state.wantedVersion("hello-school"));
        assertEquals("operator", state.installations("hello-school").get(0).installedBy());
        assertTrue(state.uninstall("hello-school", SCHOOL_A));
        assertFalse(state.uninstall("hello-school", SCHOOL_A));
        assertTrue(state.uninstall("hello-school", SCHOOL_B));
        assertEquals(Optional.empty(), state.wantedVersion("hello-school"));
    }

    @Test
    void anInstallationNeedsAStoredPackage() {
        assertThrows(SQLException.class, () -> state.install("hello-school", "9.9.9", SCHOOL_A, "admin"));
    }

    @Test
    void eachNodeRecordsWhatItRunsAndWhy() throws Exception {
        state.record("node-1", "hello-school", Optional.of("1.0.0"), Optional.of("1.1.0"), DeploymentState.ROLLED_BACK, "component failed");
        state.record("node-2", "hello-school", Optional.of("1.1.0"), Optional.of("1.1.0"), DeploymentState.LIVE, "");
        Deployment one = state.deployments("node-1", "hello-school").get(0);
        assertEquals(DeploymentState.ROLLED_BACK, one.state());
        assertEquals(Optional.of("1.0.0"), one.runningVersion());
        assertEquals("component failed", one.reason());
        state.record("node-1", "hello-school", Optional.of("1.1.0"), Optional.of("1.1.0"), DeploymentState.LIVE, "");
        assertEquals(DeploymentState.LIVE, state.deployments("node-1", null).get(0).state());
        assertEquals(List.of("hello-school"), state.appIds("node-1"), "known from its deployment record alone");
    }
}
