package org.educloud.basedata.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.educloud.basedata.NationalId;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgKind;
import org.educloud.basedata.Person;
import org.educloud.basedata.internal.bulk.ImportLedger;
import org.educloud.basedata.internal.bulk.ImportSource;
import org.educloud.basedata.internal.bulk.ImportTally;
import org.educloud.basedata.internal.bulk.OneRosterCsvFiles;
import org.educloud.basedata.internal.bulk.PlatformCsvFiles;
import org.educloud.basedata.internal.bulk.RosterCsvImport;
import org.educloud.basedata.internal.bulk.RowBatch;
import org.educloud.basedata.internal.bulk.Upserts;
import org.educloud.basedata.internal.bulk.WriteLanes;
import org.educloud.identity.Caller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bulk CSV import against MariaDB: upserts, idempotent re-import, exact line numbers for bad rows, encodings, permissions. */
class RosterCsvImportTest {

    private static final TestCaller OPERATOR = TestCaller.holding("operator", "*", "/");
    private static final int ROWS = 2;

    @TempDir
    Path folder;

    private DataSource dataSource;
    private Upserts upserts;
    private RowBatch batch;
    private JdbcPersonRegistry people;
    private Org lixia;

    /** Collects what an import reports. */
    static final class Ledger implements ImportLedger {
        final List<String> rejected = new ArrayList<>();
        int progress;

        @Override
        public void rejected(String file, long line, String field, String reason) {
            rejected.add(file + ":" + line + ":" + field + ":" + reason);
        }

        @Override
        public void progress(ImportTally tally) {
            progress++;
        }
    }

    @BeforeEach
    void aProvinceCityAndTwoDistricts() throws Exception {
        dataSource = BasedataDatabase.fresh("unit_import");
        JdbcOrgDirectory orgs = new JdbcOrgDirectory(dataSource);
        batch = new RowBatch(dataSource);
        IdNumberCipher cipher = IdNumberKeysTest.testCipher();
        people = new JdbcPersonRegistry(dataSource, cipher);
        DataSource writes = batch.dataSource();
        upserts = new Upserts(new JdbcOrgDirectory(writes), new JdbcPersonRegistry(writes, cipher), new JdbcClassRoster(writes),
                new JdbcCurriculum(writes), new PeopleLoad(cipher));
        Org province = orgs.create(OPERATOR, new Org("p37", OrgKind.PROVINCE, "37", "山东省", null, null, null, null, null, 0, null, null));
        Org jinan = orgs.create(OPERATOR, new Org("c3701", OrgKind.CITY, "3701", "济南市", province.sourcedId(), null, null, null, null, 0,
                null, null));
        lixia = orgs.create(OPERATOR, new Org("d370102", OrgKind.DISTRICT, "370102", "历下区", jinan.sourcedId(), null, null, null, null,
                0, null, null));
        orgs.create(OPERATOR, new Org("d370103", OrgKind.DISTRICT, "370103", "市中区", jinan.sourcedId(), null, null, null, null, 0,
                null, null));
    }

    @AfterEach
    void closeTheBatch() throws Exception {
        batch.close();
    }

    private Map<String, String> oneRosterFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("manifest.csv", "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.orgs,bulk\nfile.users,bulk\n");
        files.put("orgs.csv", "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId,metadata.stage,metadata.ownership,"
                + "metadata.locale\n"
                + "s1,active,,历下区第一实验小学,school,3701020001,d370102,primary,public,urban\n"
                + "s2,active,,市中区实验小学,school,3701030001,d370103,primary,public,rural\n");
        files.put("academicSessions.csv", "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear,"
                + "orgSourcedId\ny2024,active,,2024学年,schoolYear,2024-09-01,2025-07-15,,2025,s1\n"
                + "t2024a,active,,2024学年上学期,term,2024-09-01,2025-01-20,y2024,2025,s1\n");
        files.put("courses.csv", "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,"
                + "subjectCodes\nc-math,active,,y2024,一年级数学,MATH1,01,s1,,02\n");
        files.put("classes.csv", "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
                + "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n"
                + "k1,active,,2024级01班,01,,2024-01,homeroom,,s1,t2024a,,,\n");
        files.put("users.csv", "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,"
                + "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
                + "u1,active,,true,s1,student,,,小明,王,,G1001,,,,,01,\n"
                + "u2,active,,true,s1,student,,,小红,李,,G1002,,,,,01,\n"
                + "u3,active,,true,s1,teacher,,,老师,刘,,T001,liu@example.cn,,,,,\n"
                + "u4,active,,true,s2,student,,,其他,赵,,G2001,,,,,01,\n");
        files.put("demographics.csv", "sourcedId,status,dateLastModified,birthDate,sex\nu1,active,,2018-03-01,male\n"
                + "u2,active,,2018-05-02,female\n");
        files.put("enrollments.csv", "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
                + "beginDate,endDate\ne1,active,,k1,s1,u1,student,false,2024-09-01,\ne2,active,,k1,s1,u2,student,false,,\n"
                + "e3,active,,k1,s1,u3,teacher,true,,\n");
        return files;
    }

    @Test
    void aOneRosterZipImportsAndImportingItAgainChangesNothing() throws Exception {
        Path zip = zip("oneroster.zip", oneRosterFiles(), StandardCharsets.UTF_8);
        Ledger ledger = new Ledger();
        ImportTally first = run(OneRosterCsvFiles.importer(upserts), zip, null, OPERATOR, ledger);
        assertEquals(List.of(), ledger.rejected);
        assertEquals(15, first.rowsRead());
        assertEquals(13, first.created());
        assertEquals(2, first.updated(), "demographics update the users they belong to");
        Person wang = people.find(OPERATOR, "u1", false).orElseThrow();
        assertEquals("male", wang.gender());
        assertEquals("G1001", wang.status().registryNumber());
        long changes = BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change");

        Ledger again = new Ledger();
        ImportTally second = run(OneRosterCsvFiles.importer(upserts), zip, null, OPERATOR, again);
        assertEquals(List.of(), again.rejected);
        assertEquals(15, second.unchanged());
        assertEquals(changes, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change"), "no change-feed rows");

        Map<String, String> renamed = oneRosterFiles();
        renamed.put("users.csv", renamed.get("users.csv").replace("小明,王", "晓明,王"));
        ImportTally third = run(OneRosterCsvFiles.importer(upserts), zip("renamed.zip", renamed, StandardCharsets.UTF_8), null,
                OPERATOR, new Ledger());
        assertEquals(1, third.updated());
        assertEquals(changes + 1, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change"));
    }

    @Test
    void studentsAgentsBecomeGuardianRelationsCodedByTheirRoleAndAnAgentNamingNobodyIsRejectedAtItsLine() throws Exception {
        Map<String, String> files = oneRosterFiles();
        // Parents come after the students who name them; u2 names one guardian and one nobody; u5 names a teacher.
        files.put("users.csv", "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,"
                + "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
                + "u1,active,,true,s1,student,,,小明,王,,G1001,,,,\"p1,r1\",01,\n"
                + "u2,active,,true,s1,student,,,小红,李,,G1002,,,,\"g1, nobody\",01,\n"
                + "u3,active,,true,s1,teacher,,,老师,刘,,T001,liu@example.cn,,,,,\n"
                + "u5,active,,true,s1,student,,,小刚,张,,G1003,,,,u3,01,\n"
                + "p1,active,,true,s1,parent,,,建国,王,,,,,13800000001,,,\n"
                + "r1,active,,true,s1,relative,,,奶奶,王,,,,,,,,\n"
                + "g1,active,,true,s1,guardian,,,监护人,李,,,,,,u2,,\n");
        Path zip = zip("agents.zip", files, StandardCharsets.UTF_8);
        Ledger ledger = new Ledger();
        ImportTally first = run(OneRosterCsvFiles.importer(upserts), zip, null, OPERATOR, ledger);
        assertEquals(2, ledger.rejected.size(), ledger.rejected.toString());
        assertTrue(ledger.rejected.get(0).startsWith("users.csv:3:agentSourcedIds:agentSourcedIds names nobody, who is neither in "
                + "users.csv nor stored"), ledger.rejected.toString());
        assertTrue(ledger.rejected.get(1).startsWith("users.csv:5:agentSourcedIds:agentSourcedIds names u3, who is not a guardian"),
                ledger.rejected.toString());
        assertEquals(Map.of("p1", "50", "r1", "97"), guardiansOf("u1"), "parent 父母, relative 其他亲属");
        assertEquals(Map.of("g1", "80"), guardiansOf("u2"), "the guardian of the row that also names nobody");
        assertEquals(Map.of(), guardiansOf("u5"));
        assertEquals(3, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change WHERE entity = 'guardianRelation' "
                + "AND operation = 'create'"), "a change-feed row per relation");
        assertEquals(19, first.created(), "7 users, 2 schools, 2 sessions, a course, a class, 3 enrollments, 3 relations");

        long changes = BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change");
        Ledger again = new Ledger();
        ImportTally second = run(OneRosterCsvFiles.importer(upserts), zip, null, OPERATOR, again);
        assertEquals(ledger.rejected, again.rejected, "the same two agents, nothing else");
        assertEquals(0, second.created() + second.updated());
        assertEquals(changes, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change"), "no change-feed rows");

        files.put("users.csv", files.get("users.csv").replace("r1,active,,true,s1,relative", "r1,active,,true,s1,guardian"));
        ImportTally third = run(OneRosterCsvFiles.importer(upserts), zip("regrouped.zip", files, StandardCharsets.UTF_8), null, OPERATOR,
                new Ledger());
        assertEquals(1, third.updated(), "r1's relation, now 80; r1 stays a guardian");
        assertEquals(Map.of("p1", "50", "r1", "80"), guardiansOf("u1"));
        assertEquals(changes + 1, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change"));
    }

    @Test
    void aGuardiansAgentsAreTheirStudentsAndAPairNamedOnBothRowsIsOneRelation() throws Exception {
        // Only the parents' rows name the children (p1 two of them, before and after its own line); u2 also names p1;
        // g1 names a teacher, g2 nobody.
        Map<String, String> files = withUsers("u1,active,,true,s1,student,,,小明,王,,G1001,,,,,01,\n"
                + "p1,active,,true,s1,parent,,,建国,王,,,,,,\"u1,u2\",,\n"
                + "u2,active,,true,s1,student,,,小红,王,,G1002,,,,p1,01,\n"
                + "u3,active,,true,s1,teacher,,,老师,刘,,T001,,,,,,\n"
                + "g1,active,,true,s1,guardian,,,监护人,李,,,,,,u3,,\n"
                + "g2,active,,true,s1,relative,,,外婆,赵,,,,,,nobody,,\n");
        Ledger ledger = new Ledger();
        run(OneRosterCsvFiles.importer(upserts), zip("parents.zip", files, StandardCharsets.UTF_8), null, OPERATOR, ledger);
        assertEquals(2, ledger.rejected.size(), ledger.rejected.toString());
        assertTrue(ledger.rejected.get(0).startsWith("users.csv:6:agentSourcedIds:agentSourcedIds names u3, who is not a student"),
                ledger.rejected.toString());
        assertTrue(ledger.rejected.get(1).startsWith("users.csv:7:agentSourcedIds:agentSourcedIds names nobody, who is neither in "
                + "users.csv nor stored: add the student's row"), ledger.rejected.toString());
        assertEquals(Map.of("p1", "50"), guardiansOf("u1"));
        assertEquals(Map.of("p1", "50"), guardiansOf("u2"), "named on p1's row and on u2's: one relation");
        assertEquals(2, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_guardian_relation"));

        Ledger again = new Ledger();
        ImportTally second = run(OneRosterCsvFiles.importer(upserts), zip("parents.zip", files, StandardCharsets.UTF_8), null, OPERATOR,
                again);
        assertEquals(ledger.rejected, again.rejected);
        assertEquals(0, second.created() + second.updated(), "importing the same file again changes nothing");
        assertEquals(2, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change WHERE entity = 'guardianRelation'"),
                "a change-feed row per relation, once");
    }

    @Test
    void agentsOfABatchTheDatabaseRefusedAsAWholeStillBecomeRelations() throws Exception {
        // u2 takes u1's registry number: the database refuses the batch, which is written again row by row.
        Map<String, String> files = withUsers("u1,active,,true,s1,student,,,小明,王,,G1001,,,,p1,01,\n"
                + "u2,active,,true,s1,student,,,小红,李,,G1001,,,,p1,01,\n"
                + "p1,active,,true,s1,parent,,,建国,王,,,,,,,,\n");
        Ledger ledger = new Ledger();
        run(OneRosterCsvFiles.importer(upserts), zip("refused.zip", files, StandardCharsets.UTF_8), null, OPERATOR, ledger);
        assertEquals(1, ledger.rejected.size(), ledger.rejected.toString());
        assertTrue(ledger.rejected.get(0).startsWith("users.csv:3:status.registryNumber:"), ledger.rejected.toString());
        assertEquals(Map.of("p1", "50"), guardiansOf("u1"));
        assertTrue(people.find(OPERATOR, "u2", false).isEmpty(), "refused, so its agent is not reported again");
    }

    /** The OneRoster files with their orgs, sessions, course and class, and these rows (after the header) as users.csv. */
    private Map<String, String> withUsers(String rows) {
        Map<String, String> files = oneRosterFiles();
        files.remove("enrollments.csv");
        files.remove("demographics.csv");
        files.put("users.csv", "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,"
                + "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n" + rows);
        return files;
    }

    /** A student's guardians and their relation codes. */
    private Map<String, String> guardiansOf(String student) {
        Map<String, String> codes = new java.util.TreeMap<>();
        people.find(OPERATOR, student, false).orElseThrow().guardians().forEach(r -> codes.put(r.guardianId(), r.relationCode()));
        return codes;
    }

    @Test
    void badRowsAreReportedWithFileLineAndFieldAndTheGoodOnesStillLand() throws Exception {
        Map<String, String> files = oneRosterFiles();
        files.put("users.csv", "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,"
                + "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
                + "u1,active,,true,s1,student,,,小明,王,,G1001,,,,,01,\n"          // line 2: fine
                + "u2,active,,true,s1,wizard,,,小红,李,,G1002,,,,,01,\n"           // line 3: unknown role
                + "u3,active,,true,s1,teacher,,,老师,,,T001,,,,,,\n"               // line 4: no family name
                + "u5,active,,true,s1,student,,,少,\n"                             // line 5: too few values
                + "u6,active,,true,nowhere,student,,,无,校,,G9999,,,,,,\n"            // line 6: unknown org
                + "u7,active,,true,s1,teacher,,,老师,周,,T002,not-an-email,,,,,\n"  // line 7: bad email
                + "u8,active,,true,s1,student,,,小刚,孙,,G1008,,,,,01,\n");        // line 8: fine
        Ledger ledger = new Ledger();
        ImportTally tally = run(OneRosterCsvFiles.importer(upserts), zip("bad.zip", files, StandardCharsets.UTF_8), null, OPERATOR,
                ledger);
        List<String> where = ledger.rejected.stream().map(r -> String.join(":", List.of(r.split(":", 4)).subList(0, 3))).toList();
        assertTrue(where.containsAll(List.of("users.csv:3:role", "users.csv:4:familyName", "users.csv:5:", "users.csv:6:orgId",
                "users.csv:7:email")), ledger.rejected.toString());
        assertTrue(ledger.rejected.stream().anyMatch(r -> r.contains("the row has 10 values but the header names 18")));
        assertTrue(people.find(OPERATOR, "u8", false).isPresent(), "a good row after bad ones lands");
        assertTrue(tally.rowsRejected() >= 5);
    }

    @Test
    void rowsAtOrgsOutsideTheImportersWritePermissionAreRejectedWithThatReason() throws Exception {
        Caller lixiaAdmin = TestCaller.holding("lixia", "basedata:*", lixia.path().value());
        Map<String, String> files = new LinkedHashMap<>();
        files.put("orgs.csv", oneRosterFiles().get("orgs.csv"));
        Ledger ledger = new Ledger();
        ImportTally tally = run(OneRosterCsvFiles.importer(upserts), zip("two.zip", files, StandardCharsets.UTF_8), null, lixiaAdmin,
                ledger);
        assertEquals(1, tally.created());
        assertEquals(1, ledger.rejected.size());
        assertTrue(ledger.rejected.get(0).startsWith("orgs.csv:3:"), ledger.rejected.toString());
        assertTrue(ledger.rejected.get(0).contains("basedata:orgs:write"), ledger.rejected.toString());
    }

    @Test
    void aGbkPlatformPeopleFileIsDetectedAndAUtf8BomFileToo() throws Exception {
        String orgs = String.join(",", PlatformCsvFiles.ORGS) + "\ns1,school,3701020001,历下区第一实验小学,d370102,primary,public,urban\n";
        run(PlatformCsvFiles.importer(upserts), write("orgs.csv", orgs, StandardCharsets.UTF_8, true), null, OPERATOR, new Ledger());
        String peopleCsv = String.join(",", PlatformCsvFiles.PEOPLE) + "\n"
                + "p1,student,s1,欧阳,娜娜,female,2008-01-01,370102200801010021,,,,G3001,2014-09-01,山东省济南市,历下区某路1号,"
                + "false,true,false,false,false,true\n"
                + "p2,student,s1,王,一,male,,370102200801010013,,,,G3002,,,,,,,,,\n";
        Ledger ledger = new Ledger();
        ImportTally tally = run(PlatformCsvFiles.importer(upserts), write("people.csv", peopleCsv, Charset.forName("GBK"), false), null,
                OPERATOR, ledger);
        assertEquals(List.of(), ledger.rejected);
        assertEquals(2, tally.created());
        Person ouyang = people.find(OPERATOR, "p1", false).orElseThrow();
        assertEquals("欧阳", ouyang.familyName());
        assertTrue(ouyang.status().leftBehindChild());
        assertEquals("3701**********0021", ouyang.idNumberMasked());

        ImportTally again = run(PlatformCsvFiles.importer(upserts), write("people.csv", peopleCsv, Charset.forName("GBK"), false), null,
                OPERATOR, new Ledger());
        assertEquals(2, again.unchanged(), "the same ID numbers are recognised by their blind index");
    }

    @Test
    void anUnclosedQuoteStopsTheFileAtItsLineAndAnInvalidIdNumberIsOneBadRow() throws Exception {
        String orgs = String.join(",", PlatformCsvFiles.ORGS) + "\ns1,school,3701020001,历下区第一实验小学,d370102,primary,public,urban\n";
        run(PlatformCsvFiles.importer(upserts), write("orgs.csv", orgs, StandardCharsets.UTF_8, false), null, OPERATOR, new Ledger());
        String peopleCsv = String.join(",", PlatformCsvFiles.PEOPLE) + "\n"
                + "p1,student,s1,王,一,male,,370102200801010012,,,,,,,,,,,,,\n"
                + "p2,student,s1,李,二,male,,,,,,,,,,,,,,,\n"
                + "p3,student,s1,\"张,三,male,,,,,,,,,,,,,,,\n"
                + "p4,student,s1,赵,四,male,,,,,,,,,,,,,,,\n";
        Ledger ledger = new Ledger();
        run(PlatformCsvFiles.importer(upserts), write("people.csv", peopleCsv, StandardCharsets.UTF_8, false), null, OPERATOR, ledger);
        assertTrue(ledger.rejected.get(0).startsWith("people.csv:2:idNumber:"), ledger.rejected.toString());
        assertTrue(ledger.rejected.get(1).startsWith("people.csv:"), ledger.rejected.toString());
        assertTrue(ledger.rejected.get(1).contains("malformed"), ledger.rejected.toString());
        assertTrue(people.find(OPERATOR, "p2", false).isPresent());
    }

    @Test
    void aBatchTheDatabaseRefusesIsWrittenRowByRowSoOnlyTheCulpritIsRejected() throws Exception {
        String orgs = String.join(",", PlatformCsvFiles.ORGS) + "\ns1,school,3701020001,历下区第一实验小学,d370102,primary,public,urban\n";
        run(PlatformCsvFiles.importer(upserts), write("orgs.csv", orgs, StandardCharsets.UTF_8, false), null, OPERATOR, new Ledger());
        String header = String.join(",", PlatformCsvFiles.PEOPLE) + "\n";
        run(PlatformCsvFiles.importer(upserts), write("people.csv", header + "p1,student,s1,王,一,male,,370102200801010013,,,,G0001,,,,,,,,,\n",
                StandardCharsets.UTF_8, false), null, OPERATOR, new Ledger());
        long changes = BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change");
        // p3 has p1's ID number: valid on its own, refused by the database's unique index, so the whole batch is refused.
        String peopleCsv = header + "p2,student,s1,李,二,male,,,,,,G0002,,,,,,,,,\n"
                + "p3,student,s1,张,三,male,,370102200801010013,,,,G0003,,,,,,,,,\n"
                + "p4,student,s1,赵,四,male,,,,,,G0004,,,,,,,,,\n";
        Ledger ledger = new Ledger();
        ImportTally tally = run(PlatformCsvFiles.importer(upserts), write("people.csv", peopleCsv, StandardCharsets.UTF_8, false), null,
                OPERATOR, ledger);
        assertEquals(1, ledger.rejected.size(), ledger.rejected.toString());
        assertTrue(ledger.rejected.get(0).startsWith("people.csv:3:idNumber:"), ledger.rejected.toString());
        assertEquals(2, tally.created());
        assertTrue(people.find(OPERATOR, "p2", false).isPresent());
        assertTrue(people.find(OPERATOR, "p4", false).isPresent());
        assertTrue(people.find(OPERATOR, "p3", false).isEmpty());
        assertEquals(changes + 2, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change"), "one change row each");
    }

    @Test
    void twoBatchesOnTwoLanesThatClashLoseOnlyTheClashingRow() throws Exception {
        String orgs = String.join(",", PlatformCsvFiles.ORGS) + "\ns1,school,3701020001,历下区第一实验小学,d370102,primary,public,urban\n";
        run(PlatformCsvFiles.importer(upserts), write("orgs.csv", orgs, StandardCharsets.UTF_8, false), null, OPERATOR, new Ledger());
        long changes = BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change");
        // 40 students in batches of 2, written two batches at a time; lines 7 and 36 share an ID number, and lines 12 and 14
        // (batches written at once), line 20 has a bad one.
        String twice = "37010220080101002" + NationalId.checkDigit("37010220080101002");
        StringBuilder csv = new StringBuilder(String.join(",", PlatformCsvFiles.PEOPLE)).append('\n');
        for (int i = 0; i < 40; i++) {
            String id = i == 5 || i == 34 ? "370102200801010013" : i == 10 || i == 12 ? twice : i == 18 ? "370102200801010014" : "";
            csv.append("q").append(i).append(",student,s1,王,").append(i).append(",male,,").append(id).append(",,,,Q").append(1000 + i)
                    .append(",,,,,,,,,\n");
        }
        Ledger ledger = new Ledger();
        ImportTally tally = run(PlatformCsvFiles.importer(upserts), write("people.csv", csv.toString(), StandardCharsets.UTF_8, false),
                null, OPERATOR, ledger);
        assertEquals(3, ledger.rejected.size(), ledger.rejected.toString());
        assertTrue(ledger.rejected.stream().anyMatch(r -> r.startsWith("people.csv:20:idNumber:")), ledger.rejected.toString());
        assertTrue(ledger.rejected.stream().anyMatch(r -> r.startsWith("people.csv:7:idNumber:") || r.startsWith("people.csv:36:idNumber:")),
                ledger.rejected.toString());
        assertTrue(ledger.rejected.stream().anyMatch(r -> r.startsWith("people.csv:12:idNumber:") || r.startsWith("people.csv:14:idNumber:")),
                ledger.rejected.toString());
        assertEquals(37, tally.created());
        assertEquals(37, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_person WHERE sourced_id LIKE 'q%'"));
        assertEquals(1, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_person WHERE sourced_id IN ('q5', 'q34')"));
        assertEquals(1, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_person WHERE sourced_id IN ('q10', 'q12')"));
        assertEquals(37, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_student_status s JOIN bd_person p "
                + "ON p.id = s.person_id WHERE p.sourced_id LIKE 'q%'"), "a status for every student written");
        assertEquals(changes + 37, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change"), "one change row each");

        Ledger again = new Ledger();
        ImportTally second = run(PlatformCsvFiles.importer(upserts), write("people.csv", csv.toString(), StandardCharsets.UTF_8, false),
                null, OPERATOR, again);
        assertEquals(37, second.unchanged());
        assertEquals(3, again.rejected.size(), again.rejected.toString());
        assertEquals(changes + 37, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change"), "a re-import changes nothing");
    }

    @Test
    void aSourcedIdTwiceInOneFileKeepsTheFirstRowAndRefusesTheSecond() throws Exception {
        String orgs = String.join(",", PlatformCsvFiles.ORGS) + "\ns1,school,3701020001,历下区第一实验小学,d370102,primary,public,urban\n";
        run(PlatformCsvFiles.importer(upserts), write("orgs.csv", orgs, StandardCharsets.UTF_8, false), null, OPERATOR, new Ledger());
        String peopleCsv = String.join(",", PlatformCsvFiles.PEOPLE) + "\n"
                + "p1,student,s1,王,一,male,,,,,,G0001,,,,,,,,,\n"
                + "p2,student,s1,李,二,male,,,,,,G0002,,,,,,,,,\n"
                + "P1,student,s1,王,改,male,,,,,,G0001,,,,,,,,,\n";
        Ledger ledger = new Ledger();
        ImportTally tally = run(PlatformCsvFiles.importer(upserts), write("people.csv", peopleCsv, StandardCharsets.UTF_8, false), null,
                OPERATOR, ledger);
        assertEquals(2, tally.created());
        assertEquals(1, ledger.rejected.size(), ledger.rejected.toString());
        assertTrue(ledger.rejected.get(0).startsWith("people.csv:4:sourcedId:sourcedId P1 is on line 2"), ledger.rejected.toString());
        assertEquals("一", people.find(OPERATOR, "p1", false).orElseThrow().givenName(), "the first row counts");

        // Its first row in an earlier batch (of 2,000 rows): found in what the import recorded, not in the batch.
        StringBuilder many = new StringBuilder(String.join(",", PlatformCsvFiles.PEOPLE)).append('\n');
        for (int i = 0; i < 2001; i++) {
            many.append("m").append(i).append(",student,s1,张,").append(i).append(",male,,,,,,,,,,,,,,,\n");
        }
        many.append("M0,student,s1,张,again,male,,,,,,,,,,,,,,,\n");
        Ledger later = new Ledger();
        ImportTally two = run(PlatformCsvFiles.importer(upserts), write("people.csv", many.toString(), StandardCharsets.UTF_8, false),
                null, OPERATOR, later);
        assertEquals(2001, two.created());
        assertEquals(List.of("people.csv:2003:sourcedId:sourcedId M0 is on line 2"), later.rejected.stream()
                .map(r -> r.substring(0, r.indexOf(" of "))).toList());
    }

    @Test
    void tobedeletedRowsOfADeltaFileDeleteTheirRecordsChildrenFirst() throws Exception {
        run(OneRosterCsvFiles.importer(upserts), zip("full.zip", oneRosterFiles(), StandardCharsets.UTF_8), null, OPERATOR, new Ledger());
        long changes = BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change");
        Map<String, String> delta = new LinkedHashMap<>();
        delta.put("users.csv", "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,"
                + "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
                + "u2,tobedeleted,,true,s1,student,,,小红,李,,G1002,,,,,01,\n");
        delta.put("enrollments.csv", "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
                + "beginDate,endDate\ne2,tobedeleted,,k1,s1,u2,student,false,,\n");
        Ledger ledger = new Ledger();
        ImportTally tally = run(OneRosterCsvFiles.importer(upserts), zip("delta.zip", delta, StandardCharsets.UTF_8), null, OPERATOR,
                ledger);
        assertEquals(List.of(), ledger.rejected);
        assertEquals(2, tally.deleted(), "the enrollment first, then the user it named");
        assertTrue(people.find(OPERATOR, "u2", false).isEmpty());
        assertEquals(changes + 2, BasedataDatabase.count(dataSource, "SELECT COUNT(*) FROM bd_change WHERE operation = 'delete'")
                + changes);

        ImportTally again = run(OneRosterCsvFiles.importer(upserts), zip("delta.zip", delta, StandardCharsets.UTF_8), null, OPERATOR,
                new Ledger());
        assertEquals(0, again.deleted());
        assertEquals(2, again.unchanged(), "deleting what is gone changes nothing");
    }

    /** Imports in batches of {@code ROWS}, written on two lanes while the next are read, so every test crosses batches and lanes. */
    private ImportTally run(RosterCsvImport importer, Path file, String encoding, Caller caller, Ledger ledger) throws Exception {
        try (ImportSource source = ImportSource.open(file, null); WriteLanes lanes = WriteLanes.open(dataSource, 2, batch)) {
            return importer.inBatchesOf(ROWS).run(caller, source, encoding, ledger, batch, lanes);
        }
    }

    private Path zip(String name, Map<String, String> files, Charset charset) throws IOException {
        Path zip = folder.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                entries.putNextEntry(new ZipEntry(file.getKey()));
                entries.write(file.getValue().getBytes(charset));
                entries.closeEntry();
            }
        }
        return zip;
    }

    private Path write(String name, String text, Charset charset, boolean bom) throws IOException {
        Path dir = Files.createTempDirectory(folder, "f");
        Path file = dir.resolve(name);
        byte[] body = text.getBytes(charset);
        try (OutputStream out = Files.newOutputStream(file)) {
            if (bom) {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            out.write(body);
        }
        return file;
    }
}
