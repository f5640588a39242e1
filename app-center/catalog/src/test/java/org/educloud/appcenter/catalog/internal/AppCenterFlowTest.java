package org.educloud.appcenter.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.educloud.appcenter.packages.AppPackageValidator;
import org.educloud.appcenter.packages.PackageProblem;
import org.educloud.appcenter.packages.PackageRefusedException;
import org.educloud.appcenter.packages.PackageReport;
import org.educloud.appcenter.deployment.Installation;
import org.educloud.identity.OrgPath;
import org.educloud.platform.rest.ProblemException;
import org.educloud.sdk.app.AppDescriptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submission, review, consented installation and the record, on MariaDB, with the deployment and identity sides in memory. */
class AppCenterFlowTest {

    private static final String VENDOR = "/v/acme";
    private static final OrgPath SCHOOL = OrgPath.of("/37/3701/370102/3701020001");
    private static final OrgPath OTHER_SCHOOL = OrgPath.of("/37/3701/370102/3701020002");
    private static final Actor VENDOR_USER = new Actor("acme.dev", "10.0.0.1");
    private static final Actor OPERATOR = new Actor("op", "10.0.0.2");
    private static final Actor SCHOOL_ADMIN = new Actor("school.admin", "10.0.0.3");

    @TempDir
    Path folder;

    private final InMemoryInstallations apps = new InMemoryInstallations();
    private final RecordingClients clients = new RecordingClients();
    private PackageReport nextReport;
    private AppCatalog catalog;
    private VersionReview review;
    private SchoolInstallations installations;
    private Path archive;

    @BeforeEach
    void fresh() throws Exception {
        DataSource dataSource = CatalogDatabase.fresh("flow");
        CatalogTables tables = new CatalogTables(dataSource);
        AppPackageValidator validator = (file, sha, stored) -> nextReport;
        catalog = new AppCatalog(tables, validator, apps, Clock.systemUTC());
        review = new VersionReview(tables, Clock.systemUTC());
        installations = new SchoolInstallations(tables, apps, clients, Clock.systemUTC());
        archive = Files.writeString(folder.resolve("app.kar"), "a package");
    }

    private Map<OrgPath, List<String>> awaitingConsent(String appId) {
        Map<OrgPath, List<String>> byOrg = new java.util.HashMap<>();
        installations.awaitingConsent(apps.installations().stream().filter(i -> i.appId().equals(appId)).toList())
                .forEach((installation, scopes) -> byOrg.put(OrgPath.of(installation.org()), scopes));
        return byOrg;
    }

    private AppVersion submit(String appId, String version, String category) {
        return submit(appId, version, category, List.of("profile", "basedata.classes:read"));
    }

    private AppVersion submit(String appId, String version, String category, List<String> scopes) {
        AppDescriptor descriptor = new AppDescriptor(appId, version, "[1.0,2)", "你好" + appId, "Hello " + appId, "Acme",
                scopes, List.of("org.acme." + appId));
        nextReport = new PackageReport(Optional.of(descriptor), "ab".repeat(32), 100, "repository/f.xml", List.of());
        apps.next = descriptor;
        return catalog.submit(archive, Optional.empty(), category, "A greeting for " + appId, existing -> VENDOR, VENDOR_USER);
    }

    @Test
    void aVersionGoesFromSubmissionThroughReviewToConsentedInstallationAndEveryStepIsRecorded() {
        AppVersion submitted = submit("hello-school", "1.0.0", "tools");
        assertEquals(VersionState.SUBMITTED, submitted.state());
        assertEquals(AppCatalog.CHECKS, submitted.checks());
        assertEquals(1, apps.packages("hello-school").size(), "the package is kept by the deployment side");

        ProblemException early = assertThrows(ProblemException.class, () -> installations.install("hello-school", "1.0.0", SCHOOL,
                List.of("profile", "basedata.classes:read"), SCHOOL_ADMIN));
        assertEquals(409, early.problem().status());
        assertTrue(early.getMessage().contains("only approved versions"), early.getMessage());

        review.approve("hello-school", "1.0.0", null, OPERATOR);
        ProblemException twice = assertThrows(ProblemException.class, () -> review.reject("hello-school", "1.0.0", "late", OPERATOR));
        assertEquals(409, twice.problem().status());

        ProblemException noConsent = assertThrows(ProblemException.class, () -> installations.install("hello-school", "1.0.0", SCHOOL,
                List.of("profile"), SCHOOL_ADMIN));
        assertEquals("consent", noConsent.problem().field());
        assertTrue(noConsent.getMessage().contains("missing: basedata.classes:read"), noConsent.getMessage());
        assertTrue(apps.installations().isEmpty(), "nothing installed without consent");

        installations.install("hello-school", "1.0.0", SCHOOL, List.of("profile", "basedata.classes:read"), SCHOOL_ADMIN);
        installations.install("hello-school", "1.0.0", OTHER_SCHOOL, List.of("profile", "basedata.classes:read"), SCHOOL_ADMIN);
        assertEquals(1, clients.registered.size(), "one OAuth client per app, however many schools install it");
        assertEquals("app-hello-school", clients.registered.get(0).clientId());
        assertEquals(java.util.Set.of("profile", "basedata.classes:read"), clients.registered.get(0).scopes());
        assertEquals(Optional.of(OrgPath.of(VENDOR)), clients.registered.get(0).ownerOrg());
        List<Consent> consents = installations.consents("hello-school");
        assertEquals(2, consents.size());
        assertEquals("school.admin", consents.get(0).consentedBy());
        assertEquals(SCHOOL.value(), consents.get(0).org());

        submit("hello-school", "1.1.0", "");
        review.approve("hello-school", "1.1.0", "ok", OPERATOR);
        installations.upgrade("hello-school", "1.1.0", SCHOOL, List.of("profile", "basedata.classes:read"), SCHOOL_ADMIN);
        assertTrue(apps.installations().stream().allMatch(i -> i.version().equals("1.1.0")));
        installations.uninstall("hello-school", SCHOOL, SCHOOL_ADMIN);
        assertEquals(1, installations.installations(List.of(OrgPath.of("/37"))).size());

        List<AppEvent> record = catalog.record("hello-school");
        assertEquals(List.of(AppAction.SUBMITTED, AppAction.APPROVED, AppAction.INSTALLED, AppAction.INSTALLED, AppAction.SUBMITTED,
                AppAction.APPROVED, AppAction.UPGRADED, AppAction.UNINSTALLED), record.stream().map(AppEvent::action).toList());
        assertEquals("acme.dev", record.get(0).actor());
        assertEquals("10.0.0.1", record.get(0).address());
        assertEquals(SCHOOL.value(), record.get(7).org());
        assertEquals("tools", catalog.app("hello-school").category(), "a blank category keeps the listed one");
    }

    @Test
    void anUpgradeGivesTheAppsClientTheScopesOfTheNewVersion() {
        submit("timetable", "1.0.0", "teaching");
        review.approve("timetable", "1.0.0", "ok", OPERATOR);
        installations.install("timetable", "1.0.0", SCHOOL, List.of("profile", "basedata.classes:read"), SCHOOL_ADMIN);
        List<String> more = List.of("profile", "basedata.classes:read", "basedata.people:read");
        submit("timetable", "1.1.0", "", more);
        review.approve("timetable", "1.1.0", "ok", OPERATOR);
        ProblemException noConsent = assertThrows(ProblemException.class, () -> installations.upgrade("timetable", "1.1.0", SCHOOL,
                List.of("profile", "basedata.classes:read"), SCHOOL_ADMIN));
        assertTrue(noConsent.getMessage().contains("missing: basedata.people:read"), noConsent.getMessage());
        assertEquals(java.util.Set.of("profile", "basedata.classes:read"), clients.find("app-timetable").orElseThrow().scopes(),
                "nothing changes without consent");

        installations.install("timetable", "1.0.0", OTHER_SCHOOL, List.of("profile", "basedata.classes:read"), SCHOOL_ADMIN);
        installations.upgrade("timetable", "1.1.0", SCHOOL, more, SCHOOL_ADMIN);
        assertEquals(java.util.Set.copyOf(more), clients.find("app-timetable").orElseThrow().scopes());
        // The other school runs 1.1.0 too now, with the grant it agreed to, until its administrator consents.
        Map<OrgPath, List<String>> awaiting = awaitingConsent("timetable");
        assertEquals(List.of(), awaiting.get(SCHOOL));
        assertEquals(List.of("basedata.people:read"), awaiting.get(OTHER_SCHOOL));
        Installation consented = installations.upgrade("timetable", "1.1.0", OTHER_SCHOOL, more, SCHOOL_ADMIN);
        assertEquals("1.1.0", consented.version());
        assertEquals(List.of(), awaitingConsent("timetable").get(OTHER_SCHOOL));
        assertEquals(AppAction.CONSENTED, catalog.record("timetable").get(catalog.record("timetable").size() - 1).action());
        submit("timetable", "1.2.0", "", List.of("profile"));
        review.approve("timetable", "1.2.0", "ok", OPERATOR);
        installations.upgrade("timetable", "1.2.0", SCHOOL, List.of("profile"), SCHOOL_ADMIN);
        assertEquals(java.util.Set.of("profile"), clients.find("app-timetable").orElseThrow().scopes(), "a scope dropped is taken away");
    }

    @Test
    void aRejectionNeedsAReasonAndARejectedVersionIsNeverInstalled() {
        submit("homework", "1.0.0", "teaching");
        ProblemException noReason = assertThrows(ProblemException.class, () -> review.reject("homework", "1.0.0", " ", OPERATOR));
        assertEquals("reason", noReason.problem().field());
        AppVersion rejected = review.reject("homework", "1.0.0", "the icon is missing", OPERATOR);
        assertEquals(VersionState.REJECTED, rejected.state());
        assertEquals("the icon is missing", rejected.reason());
        assertEquals("op", rejected.reviewedBy());
        assertThrows(ProblemException.class, () -> installations.install("homework", "1.0.0", SCHOOL,
                List.of("profile", "basedata.classes:read"), SCHOOL_ADMIN));
        AppEvent last = catalog.record("homework").get(1);
        assertEquals(AppAction.REJECTED, last.action());
        assertEquals("the icon is missing", last.detail());
    }

    @Test
    void aRefusedPackageListsEveryProblemAndNothingIsKept() {
        nextReport = new PackageReport(Optional.empty(), "cd".repeat(32), 10, null, List.of(
                new PackageProblem("package", "not a zip", "upload the .kar"),
                new PackageProblem("descriptor.id", "missing", "add an id")));
        PackageRefusedException refused = assertThrows(PackageRefusedException.class, () -> catalog.submit(archive, Optional.empty(),
                "", "", existing -> VENDOR, VENDOR_USER));
        assertEquals(2, refused.problems().size());
        assertTrue(apps.packages().isEmpty());
        assertTrue(catalog.search(null, null, null, null, 10, false, List.of()).isEmpty());
    }

    @Test
    void theSameVersionIsSubmittedOnce() {
        submit("hello-school", "1.0.0", "tools");
        ProblemException again = assertThrows(ProblemException.class, () -> submit("hello-school", "1.0.0", "tools"));
        assertEquals(409, again.problem().status());
        assertEquals(1, catalog.versions("hello-school").size());
    }

    @Test
    void theCatalogIsSearchedByTextCategoryAndVendorAndPagedAndShowsOnlyPublishedAppsToSchools() {
        submit("attendance", "1.0.0", "school-life");
        submit("homework", "1.0.0", "teaching");
        submit("lesson-plans", "1.0.0", "teaching");
        review.approve("homework", "1.0.0", null, OPERATOR);
        review.approve("lesson-plans", "1.0.0", null, OPERATOR);

        assertEquals(List.of("homework", "lesson-plans"), ids(catalog.search(null, null, null, null, 10, false, List.of())));
        assertEquals(List.of("attendance", "homework", "lesson-plans"),
                ids(catalog.search(null, null, null, null, 10, false, List.of(VENDOR))), "a vendor sees its own unpublished apps");
        assertEquals(List.of("attendance", "homework", "lesson-plans"), ids(catalog.search(null, null, null, null, 10, true, List.of())));
        assertEquals(List.of("homework"), ids(catalog.search("Hello homework", null, null, null, 10, true, List.of())));
        assertEquals(List.of("homework", "lesson-plans"), ids(catalog.search(null, "teaching", null, null, 10, true, List.of())));
        assertEquals(List.of("homework", "lesson-plans"), ids(catalog.search(null, "teaching", "Acme", null, 10, true, List.of())));
        assertEquals(List.of("attendance"), ids(catalog.search(null, "school-life", VENDOR, null, 10, true, List.of())));
        assertEquals(List.of(), ids(catalog.search(null, null, "/v/other", null, 10, true, List.of())));
        assertEquals(List.of("attendance", "homework"), ids(catalog.search(null, null, null, null, 2, true, List.of())));
        assertEquals(List.of("lesson-plans"), ids(catalog.search(null, null, null, "homework", 2, true, List.of())));
        assertEquals(List.of(), ids(catalog.search("100%", null, null, null, 10, true, List.of())), "% is matched literally");
    }

    private static List<String> ids(List<AppListing> listings) {
        return listings.stream().map(AppListing::appId).toList();
    }
}
