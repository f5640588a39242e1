package org.educloud.basedata.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.educloud.basedata.Org;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.internal.bulk.ImportJob;
import org.educloud.basedata.internal.bulk.ImportJobs;
import org.educloud.basedata.internal.bulk.Upserts;
import org.educloud.basedata.internal.bulk.PlatformCsvFiles;
import org.educloud.basedata.internal.bulk.RosterCsvExport;
import org.educloud.basedata.internal.bulk.RosterCsvImport;
import org.educloud.identity.OrgPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import jobs recorded with their counts and report; exports that import back without a change. */
class ImportJobsTest {

    private static final TestCaller OPERATOR = TestCaller.holding("operator", "*", "/");

    @TempDir
    Path folder;

    private DataSource dataSource;
    private ImportJobs jobs;
    private RosterCsvExport export;

    @BeforeEach
    void aDistrict() throws Exception {
        dataSource = BasedataDatabase.fresh("unit_jobs");
        JdbcOrgDirectory orgs = new JdbcOrgDirectory(dataSource);
        JdbcPersonRegistry people = new JdbcPersonRegistry(dataSource, IdNumberKeysTest.testCipher());
        JdbcClassRoster roster = new JdbcClassRoster(dataSource);
        JdbcCurriculum curriculum = new JdbcCurriculum(dataSource);
        IdNumberCipher cipher = IdNumberKeysTest.testCipher();
        jobs = ImportJobs.over(dataSource, batch -> new Upserts(new JdbcOrgDirectory(batch), new JdbcPersonRegistry(batch, cipher),
                new JdbcClassRoster(batch), new JdbcCurriculum(batch), new PeopleLoad(cipher)));
        export = new RosterCsvExport(dataSource, orgs, people, roster, curriculum);
        Org province = orgs.create(OPERATOR, new Org("p37", OrgKind.PROVINCE, "37", "山东省", null, null, null, null, null, 0, null, null));
        Org city = orgs.create(OPERATOR, new Org("c3701", OrgKind.CITY, "3701", "济南市", province.sourcedId(), null, null, null, null, 0,
                null, null));
        orgs.create(OPERATOR, new Org("d370102", OrgKind.DISTRICT, "370102", "历下区", city.sourcedId(), null, null, null, null, 0, null,
                null));
    }

    @AfterEach
    void stop() throws Exception {
        java.lang.reflect.Method stop = ImportJobs.class.getDeclaredMethod("stop");
        stop.setAccessible(true);
        stop.invoke(jobs);
    }

    @Test
    void aSubmittedJobRunsInTheBackgroundAndItsReportListsTheBadRows() throws Exception {
        Path upload = folder.resolve("upload");
        Files.writeString(upload, String.join(",", PlatformCsvFiles.ORGS) + "\n"
                + "s1,school,3701020001,第一小学,d370102,primary,public,urban\n"
                + "s2,school,12345,短码,d370102,primary,public,urban\n"
                + "s3,planet,3701020003,火星小学,d370102,primary,public,urban\n", StandardCharsets.UTF_8);
        ImportJob submitted = jobs.submit(OPERATOR, upload, "orgs.csv", null, null);
        ImportJob done = await(submitted.id());
        assertEquals("done", done.state(), done.message());
        assertEquals("platform", done.format());
        assertEquals(3, done.rowsRead());
        assertEquals(1, done.rowsCommitted());
        assertEquals(2, done.rejected());
        assertEquals(100, done.percent());
        assertTrue(Files.notExists(upload), "the upload is deleted when the job ends");

        StringWriter report = new StringWriter();
        jobs.report(OPERATOR, done.id(), report);
        List<String> lines = report.toString().lines().toList();
        assertEquals("file,line,field,reason", lines.get(0));
        assertTrue(lines.get(1).startsWith("orgs.csv,3,code,"), lines.toString());
        assertTrue(lines.get(2).startsWith("orgs.csv,4,kind,"), lines.toString());
        assertTrue(jobs.find(TestCaller.holding("someone-else", "*", "/"), done.id()).isEmpty(), "a job is its starter's");
    }

    @Test
    void rolesCsvGivesUsersTheirPrimaryRoleAndRefusesAnUnknownRoleAtItsLine() throws Exception {
        Path roster = folder.resolve("roster");
        Files.createDirectories(roster);
        Files.writeString(roster.resolve("manifest.csv"), "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\n"
                + "file.orgs,bulk\nfile.users,bulk\nfile.roles,bulk\n");
        Files.writeString(roster.resolve("orgs.csv"), "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId,"
                + "metadata.stage,metadata.ownership,metadata.locale\ns1,active,,第一小学,school,3701020001,d370102,primary,public,urban\n");
        Files.writeString(roster.resolve("users.csv"), "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,"
                + "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
                + "u1,active,,true,,,小明,王,,G1001,,,,,01,\n"
                + "u3,active,,true,,,老师,刘,,T001,liu@example.cn,,,,,\n"
                + "u5,active,,true,,,某,张,,,,,,,,\n");
        StringBuilder roles = new StringBuilder("sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,"
                + "orgSourcedId,userProfileSourcedId\n");
        roles.append("r1,active,,u1,primary,student,,,s1,\n").append("r2,active,,u3,secondary,student,,,s1,\n")
                .append("r3,active,,u3,primary,teacher,,,s1,\n").append("r4,active,,u5,primary,astronaut,,,s1,\n");
        for (int i = 0; i < 2500; i++) { // more than a batch: the roles of later batches wait in the same table
            roles.append("x").append(i).append(",active,,nobody").append(i).append(",secondary,student,,,s1,\n");
        }
        Files.writeString(roster.resolve("roles.csv"), roles.toString());
        Path zip = folder.resolve("roster.zip");
        zipFolder(roster, zip);

        ImportJob job = jobs.run(OPERATOR, zip, null, null, p -> { });
        String report = report(job);
        assertTrue(report.contains("roles.csv,5,role,"), report);
        assertTrue(report.contains("users.csv,4,"), "a user whose only primary role was refused has no role: " + report);
        assertEquals(3, job.created(), "the school and two users: " + report);
        JdbcPersonRegistry people = new JdbcPersonRegistry(dataSource, IdNumberKeysTest.testCipher());
        assertEquals(PersonRole.STUDENT, people.find(OPERATOR, "u1", false).orElseThrow().role());
        assertEquals(PersonRole.TEACHER, people.find(OPERATOR, "u3", false).orElseThrow().role(), "the primary role, not the secondary");
    }

    @Test
    void bothExportsImportBackWithoutAChange() throws Exception {
        Path upload = folder.resolve("people.csv");
        Files.writeString(upload, String.join(",", PlatformCsvFiles.ORGS) + "\n"
                + "s1,school,3701020001,第一小学,d370102,primary,public,urban\n", StandardCharsets.UTF_8);
        Path orgsFile = folder.resolve("orgs.csv");
        Files.move(upload, orgsFile);
        assertEquals("done", jobs.run(OPERATOR, orgsFile, null, null, p -> { }).state());
        Path peopleFile = folder.resolve("people.csv");
        Files.writeString(peopleFile, String.join(",", PlatformCsvFiles.PEOPLE) + "\n"
                + "p1,student,s1,欧阳,娜娜,female,2008-01-01,370102200801010021,,,,G3001,2014-09-01,,,false,true,false,false,false,true\n"
                + "t1,teacher,s1,刘,老师,female,,,T001,,liu@example.cn,,,,,,,,,,\n", StandardCharsets.UTF_8);
        List<ImportJob> progress = new ArrayList<>();
        assertEquals(2, jobs.run(OPERATOR, peopleFile, null, null, progress::add).created());
        assertTrue(!progress.isEmpty());

        for (RosterCsvImport.Format format : RosterCsvImport.Format.values()) {
            Path out = folder.resolve("export-" + format.label());
            export.export(OPERATOR, OrgPath.of("/37/3701/370102"), format, out);
            Path zip = folder.resolve(format.label() + ".zip");
            zipFolder(out, zip);
            ImportJob again = jobs.run(OPERATOR, zip, format, null, p -> { });
            assertEquals(0, again.rejected(), format + ": " + report(again));
            assertEquals(0, again.created() + again.updated(), format + " export imported back changes nothing");
            assertTrue(again.unchanged() >= 4, format + ": " + again.unchanged());
        }
        assertTrue(Files.readString(folder.resolve("export-oneroster/manifest.csv")).contains("file.users,bulk"));
        assertTrue(Files.readString(folder.resolve("export-oneroster/manifest.csv")).contains("file.roles,bulk"));
        // OneRoster 1.2 keeps roles out of users.csv: the round trip above read them from roles.csv.
        assertTrue(!Files.readAllLines(folder.resolve("export-oneroster/users.csv")).get(0).contains(",role,"));
        assertTrue(Files.readString(folder.resolve("export-oneroster/roles.csv")).contains("t1-primary,active,"));
        assertTrue(Files.readString(folder.resolve("export-platform/people.csv")).contains("3701**********0021"),
                "ID numbers leave masked");
    }

    private String report(ImportJob job) throws Exception {
        StringWriter report = new StringWriter();
        jobs.report(OPERATOR, job.id(), report);
        return report.toString();
    }

    private ImportJob await(String id) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(until)) {
            ImportJob job = jobs.find(OPERATOR, id).orElseThrow();
            if (job.finishedAt() != null) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job did not end in 30 s");
    }

    /** Zips the files of a folder (an export) into one upload, streamed. */
    static void zipFolder(Path from, Path zip) throws Exception {
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
             java.util.stream.Stream<Path> files = Files.list(from)) {
            for (Path file : files.sorted().toList()) {
                out.putNextEntry(new java.util.zip.ZipEntry(file.getFileName().toString()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
