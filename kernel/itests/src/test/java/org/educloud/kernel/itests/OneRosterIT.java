package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.inject.Inject;

import org.educloud.identity.AccountDirectory;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewAccount;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.testkit.KernelAddress;
import org.educloud.testkit.KernelHttp;
import org.educloud.testkit.LoginFlow;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A OneRoster 1.2 bulk zip imported through the REST import job (with a report of its bad row),
 * then read back through the OneRoster rostering API with a real client-credentials token of an
 * agency client: paging headers, filter, sort, fields, 404s, error payloads and scopes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class OneRosterIT {

    private static final String ROOT = "/ims/oneroster/rostering/v1p2";
    private static final String CORE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";
    private static final String DEMOGRAPHICS = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    @Filter(timeout = 120_000)
    private AccountDirectory accounts;

    @Inject
    @Filter(timeout = 120_000)
    private ClientDirectory clients;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Test
    public void importedRostersReadThroughOneRosterWithAnAgencysClientCredentials() throws Exception {
        KernelHttp.getUntil("/api/basedata/v1/orgs", r -> r.statusCode() == 401, Duration.ofSeconds(90));
        String officer = officer();

        HttpResponse<String> submitted = upload(officer, rosterZip());
        assertEquals(submitted.body(), 202, submitted.statusCode());
        String location = submitted.headers().firstValue("Location").orElseThrow();
        JsonNode job = awaitJob(officer, URI.create(location).getPath());
        assertEquals(job.toString(), "done", job.path("state").asText());
        assertEquals(job.toString(), 1, job.path("rowsRejected").asInt());
        assertEquals(job.toString(), 17, job.path("rowsCommitted").asInt());
        HttpResponse<String> report = KernelHttp.get(job.path("report").asText(), officer);
        assertEquals(200, report.statusCode());
        assertTrue(report.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> lines = report.body().lines().toList();
        assertEquals("file,line,field,reason", lines.get(0));
        assertTrue(lines.toString(), lines.get(1).startsWith("users.csv,7,role,"));

        String agency = "Bearer " + LoginFlow.clientCredentials(clients, OrgPath.of("/43/4301/430102"), CORE);

        HttpResponse<String> orgs = get(ROOT + "/orgs", agency);
        assertEquals(orgs.body(), 200, orgs.statusCode());
        assertEquals("2", orgs.headers().firstValue("X-Total-Count").orElse(""));
        JsonNode orgList = KernelHttp.json(orgs).path("orgs");
        assertEquals("district", orgList.get(0).path("type").asText());
        assertEquals("school", orgList.get(1).path("type").asText());
        assertEquals("org", orgList.get(1).path("parent").path("type").asText());
        assertTrue(orgList.get(1).path("parent").path("href").asText().endsWith(ROOT + "/orgs/d430102"));

        HttpResponse<String> page = get(ROOT + "/students?limit=2&offset=0&sort=familyName&orderBy=asc", agency);
        assertEquals(page.body(), 200, page.statusCode());
        assertEquals("3", page.headers().firstValue("X-Total-Count").orElse(""));
        String link = page.headers().firstValue("Link").orElse("");
        assertTrue(link, link.contains("offset=2") && link.contains("rel=\"next\"") && link.contains("rel=\"last\""));
        JsonNode students = KernelHttp.json(page).path("students");
        assertEquals(2, students.size());
        assertEquals("student", students.get(0).path("roles").get(0).path("role").asText());
        HttpResponse<String> second = get(ROOT + "/students?limit=2&offset=2&sort=familyName&orderBy=asc", agency);
        assertEquals(1, KernelHttp.json(second).path("students").size());
        assertTrue(second.headers().firstValue("Link").orElse("").contains("rel=\"prev\""));

        JsonNode wang = KernelHttp.json(get(ROOT + "/users?filter=" + encode("familyName='王' AND givenName~'明'"), agency))
                .path("users");
        assertEquals(wang.toString(), 1, wang.size());
        assertEquals("u1", wang.get(0).path("sourcedId").asText());

        JsonNode selected = KernelHttp.json(get(ROOT + "/users/u1?fields=sourcedId,givenName", agency)).path("user");
        assertEquals(List.of("sourcedId", "givenName"), fieldNames(selected));
        JsonNode enrollments = KernelHttp.json(get(ROOT + "/enrollments?filter=" + encode("role='teacher'"), agency))
                .path("enrollments");
        assertEquals(1, enrollments.size());
        assertEquals("true", enrollments.get(0).path("primary").asText());
        assertEquals("k1", enrollments.get(0).path("class").path("sourcedId").asText());
        assertEquals(1, KernelHttp.json(get(ROOT + "/terms", agency)).path("terms").size());

        assertImsx(get(ROOT + "/orgs/no-such-org", agency), 404, "unknownobject");
        assertImsx(get(ROOT + "/users/u9", agency), 404, "unknownobject"); // another district's student
        assertImsx(get(ROOT + "/users?filter=" + encode("familyName~"), agency), 400, "invalid_filter_field");
        assertImsx(get(ROOT + "/users?filter=" + encode("shoeSize='42'"), agency), 400, "invalid_filter_field");
        assertImsx(get(ROOT + "/users?fields=idNumber", agency), 400, "invalid_selection_field");
        assertImsx(get(ROOT + "/users?sort=shoeSize", agency), 400, "invalid_sort_field");

        assertImsx(get(ROOT + "/demographics", agency), 403, "forbidden"); // no demographics scope: the filter's 403, as imsx
        String demographics = "Bearer " + LoginFlow.clientCredentials(clients, OrgPath.of("/43/4301/430102"), DEMOGRAPHICS);
        JsonNode sex = KernelHttp.json(get(ROOT + "/demographics/u2", demographics)).path("demographics");
        assertEquals("female", sex.path("sex").asText());

        String native_ = "Bearer " + LoginFlow.clientCredentials(clients, OrgPath.of("/43/4301/430102"), "basedata.read");
        HttpResponse<String> noScope = get(ROOT + "/orgs", native_);
        assertImsx(noScope, 403, "forbidden");
        assertTrue(noScope.headers().firstValue("WWW-Authenticate").orElse("").contains("insufficient_scope"));
        assertImsx(get(ROOT + "/orgs", null), 401, "unauthorisedrequest");
        assertEquals(401, get("/api/basedata/v1/orgs", null).statusCode());
        assertTrue("the native API keeps problem details", get("/api/basedata/v1/orgs", null).body().contains("\"status\":401"));
    }

    private String officer() throws Exception {
        String[] portal = LoginFlow.portal(clients, Set.of("openid", "basedata.read", "basedata.write"));
        accounts.create(NewAccount.of("oneroster.officer", "测试官员", "first login password",
                List.of(RoleGrant.parse("province-officer@/43"))), "itest");
        return "Bearer " + LoginFlow.firstLogin(portal, "oneroster.officer", "first login password",
                "openid basedata.read basedata.write");
    }

    private static byte[] rosterZip() throws Exception {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put("manifest.csv", "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\n");
        files.put("orgs.csv", "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId,metadata.stage,"
                + "metadata.ownership,metadata.locale\n"
                + "p43,active,,湖南省,state,43,,,,\n"
                + "c4301,active,,长沙市,local,4301,p43,,,\n"
                + "d430102,active,,芙蓉区,district,430102,c4301,,,\n"
                + "d430103,active,,天心区,district,430103,c4301,,,\n"
                + "s1,active,,芙蓉区第一小学,school,4301020001,d430102,primary,public,urban\n"
                + "s2,active,,天心区第一小学,school,4301030001,d430103,primary,public,urban\n");
        files.put("academicSessions.csv", "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear,"
                + "orgSourcedId\ny2024,active,,2024学年,schoolYear,2024-09-01,2025-07-15,,2025,s1\n"
                + "t2024a,active,,2024学年上学期,term,2024-09-01,2025-01-20,y2024,2025,s1\n");
        files.put("classes.csv", "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
                + "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n"
                + "k1,active,,2024级01班,01,,2024-01,homeroom,,s1,t2024a,,,\n");
        files.put("users.csv", "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,"
                + "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
                + "u1,active,,true,s1,student,,,小明,王,,G4301,,,,,01,\n"
                + "u2,active,,true,s1,student,,,小红,李,,G4302,,,,,01,\n"
                + "u3,active,,true,s1,student,,,小刚,张,,G4303,,,,,01,\n"
                + "t1,active,,true,s1,teacher,,,老师,刘,,T4301,liu@example.cn,,,,,\n"
                + "u9,active,,true,s2,student,,,其他,赵,,G4309,,,,,01,\n"
                + "u0,active,,true,s1,wizard,,,巫师,魔,,,,,,,,\n");
        files.put("demographics.csv", "sourcedId,status,dateLastModified,birthDate,sex\nu2,active,,2018-05-02,female\n");
        files.put("enrollments.csv", "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
                + "beginDate,endDate\ne1,active,,k1,s1,u1,student,false,,\ne2,active,,k1,s1,t1,teacher,true,,\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static HttpResponse<String> upload(String authorization, byte[] zip) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + KernelAddress.HTTP_PORT
                + "/api/basedata/v1/imports?format=oneroster&name=roster.zip")).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode awaitJob(String authorization, String path) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode job = null;
        while (Instant.now().isBefore(until)) {
            HttpResponse<String> status = KernelHttp.get(path, authorization);
            assertEquals(status.body(), 200, status.statusCode());
            job = KernelHttp.json(status);
            if (!job.path("finishedAt").isNull()) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the import did not finish in 60 s: " + job);
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        return KernelHttp.get(path, authorization);
    }

    private static void assertImsx(HttpResponse<String> response, int status, String codeMinor) throws Exception {
        assertEquals(response.body(), status, response.statusCode());
        JsonNode body = KernelHttp.json(response);
        assertEquals("failure", body.path("imsx_codeMajor").asText());
        assertEquals("error", body.path("imsx_severity").asText());
        assertEquals(codeMinor, body.path("imsx_CodeMinor").path("imsx_codeMinorField").get(0).path("imsx_codeMinorFieldValue").asText());
        assertFalse(body.path("imsx_description").asText().isBlank());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
