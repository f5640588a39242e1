package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.educloud.identity.AccountDirectory;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewAccount;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.persistence.SchemaMigrations;
import org.educloud.testkit.KernelAddress;
import org.educloud.testkit.KernelHttp;
import org.educloud.testkit.LoginFlow;
import org.junit.Before;
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
 * The basic-data REST API in the booted kernel with real access tokens from its own OpenID provider:
 * create, read and update with ETag / If-Match, masked and audited ID numbers, org scoping by the
 * caller's roles, OAuth scopes, cursor pages and the change feed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class BasedataRestIT {

    private static final String PASSWORD = "first login password";
    private static final String SCOPES = "openid basedata.read basedata.write";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    @Filter(value = SchemaMigrations.DATA_SOURCE_FILTER, timeout = 120_000)
    private DataSource dataSource;

    @Inject
    @Filter(timeout = 120_000)
    private AccountDirectory accounts;

    @Inject
    @Filter(timeout = 120_000)
    private ClientDirectory clients;

    private String[] portal;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Before
    public void aPortalAndTheApi() throws Exception {
        portal = LoginFlow.portal(clients, Set.of("openid", "basedata.read", "basedata.write"));
        KernelHttp.getUntil("/api/basedata/v1/orgs", r -> r.statusCode() == 401, Duration.ofSeconds(90));
    }

    /** A bearer token of a new account holding {@code grant} (role@/org/path). */
    private String userHolding(String grant) throws Exception {
        String username = "basedata.user" + SEQUENCE.incrementAndGet();
        accounts.create(NewAccount.of(username, "测试用户", PASSWORD, List.of(RoleGrant.parse(grant))), "itest");
        return "Bearer " + LoginFlow.firstLogin(portal, username, PASSWORD, SCOPES);
    }

    @Test
    public void createReadUpdateWithETagsAndTheChangeFeed() throws Exception {
        String admin = userHolding("province-officer@/36");
        long start = lastCursor();
        JsonNode province = created(send("POST", "/api/basedata/v1/orgs", admin, null,
                "{\"kind\":\"province\",\"code\":\"36\",\"name\":\"江西省\"}"));
        JsonNode city = created(send("POST", "/api/basedata/v1/orgs", admin, null,
                "{\"kind\":\"city\",\"code\":\"3601\",\"name\":\"南昌市\",\"parentId\":\"" + province.path("sourcedId").asText() + "\"}"));
        String cityUrl = "/api/basedata/v1/orgs/" + city.path("sourcedId").asText();

        HttpResponse<String> read = send("GET", cityUrl, admin, null, null);
        assertEquals(read.body(), 200, read.statusCode());
        assertEquals("\"1\"", read.headers().firstValue("ETag").orElse(""));
        assertEquals("/36/3601", KernelHttp.json(read).path("path").asText());

        String rename = "{\"name\":\"南昌市（省会）\"}";
        assertProblem(send("PUT", cityUrl, admin, null, rename), 428, "If-Match");
        assertProblem(send("PUT", cityUrl, admin, "\"7\"", rename), 412, "version 1");
        HttpResponse<String> updated = send("PUT", cityUrl, admin, "\"1\"", rename);
        assertEquals(updated.body(), 200, updated.statusCode());
        assertEquals("\"2\"", updated.headers().firstValue("ETag").orElse(""));
        assertProblem(send("PUT", cityUrl, admin, "\"1\"", rename), 412, "someone changed it");
        assertProblem(send("POST", "/api/basedata/v1/orgs", admin, null, "{\"kind\":\"city\",\"code\":"), 400, "not valid JSON");
        assertProblem(send("POST", "/api/basedata/v1/orgs", admin, null, "{\"kind\":\"city\",\"nmae\":\"x\"}"), 400, "unknown field 'nmae'");

        List<JsonNode> changes = new ArrayList<>();
        String since = String.valueOf(start);
        while (true) {
            HttpResponse<String> page = send("GET", "/api/basedata/v1/changes?limit=1&since=" + since, admin, null, null);
            assertEquals(page.body(), 200, page.statusCode());
            JsonNode body = KernelHttp.json(page);
            if (body.path("items").size() == 0) {
                break;
            }
            body.path("items").forEach(changes::add);
            since = body.path("next").asText();
        }
        assertEquals(changes.toString(), List.of("create", "create", "update"),
                changes.stream().map(c -> c.path("operation").asText()).toList());
        assertEquals(city.path("sourcedId").asText(), changes.get(2).path("sourcedId").asText());
    }

    @Test
    public void aStudentsIdNumberIsMaskedUnlessPermittedAndEveryWholeReadIsAudited() throws Exception {
        String admin = userHolding("province-officer@/35");
        JsonNode province = created(send("POST", "/api/basedata/v1/orgs", admin, null,
                "{\"kind\":\"province\",\"code\":\"35\",\"name\":\"福建省\"}"));
        JsonNode city = created(send("POST", "/api/basedata/v1/orgs", admin, null, "{\"kind\":\"city\",\"code\":\"3501\","
                + "\"name\":\"福州市\",\"parentId\":\"" + province.path("sourcedId").asText() + "\"}"));
        JsonNode school = created(send("POST", "/api/basedata/v1/orgs", admin, null, "{\"kind\":\"school\",\"code\":\"3501000001\","
                + "\"name\":\"福州第一中学\",\"parentId\":\"" + city.path("sourcedId").asText() + "\",\"stage\":\"senior\","
                + "\"ownership\":\"public\",\"locale\":\"urban\"}"));
        assertProblem(send("POST", "/api/basedata/v1/people", admin, null, "{\"role\":\"student\",\"orgId\":\""
                + school.path("sourcedId").asText() + "\",\"familyName\":\"林\",\"givenName\":\"小红\",\"idNumber\":\"350102200801010011\"}"),
                400, "GB 11643");
        JsonNode student = created(send("POST", "/api/basedata/v1/people", admin, null, "{\"role\":\"student\",\"orgId\":\""
                + school.path("sourcedId").asText() + "\",\"familyName\":\"林\",\"givenName\":\"小红\",\"gender\":\"female\","
                + "\"idNumber\":\"11010519491231002X\",\"status\":{\"registryNumber\":\"G11010519491231002X\",\"migrantChild\":true}}"));
        assertEquals("1101**********002X", student.path("idNumber").asText());
        assertTrue(student.path("status").path("migrantChild").asBoolean());
        String url = "/api/basedata/v1/people/" + student.path("sourcedId").asText();

        String teacher = userHolding("teacher@" + school.path("path").asText());
        assertEquals("1101**********002X", KernelHttp.json(send("GET", url, teacher, null, null)).path("idNumber").asText());
        assertProblem(send("GET", url + "?reveal=idNumber", teacher, null, null), 403, "basedata:idnumbers:read");
        assertProblem(send("POST", "/api/basedata/v1/people", teacher, null, "{\"role\":\"student\",\"orgId\":\""
                + school.path("sourcedId").asText() + "\",\"familyName\":\"王\",\"givenName\":\"五\"}"), 403, "basedata:students:write");
        HttpResponse<String> whole = send("GET", url + "?reveal=idNumber", admin, null, null);
        assertEquals(whole.body(), 200, whole.statusCode());
        assertEquals("11010519491231002X", KernelHttp.json(whole).path("idNumber").asText());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM bd_audit_event WHERE action = 'idnumber.read' AND target = '"
                     + student.path("sourcedId").asText() + "'")) {
            row.next();
            assertEquals(1, row.getInt(1));
        }

        String elsewhere = userHolding("province-officer@/34");
        HttpResponse<String> others = send("GET", "/api/basedata/v1/people?role=student", elsewhere, null, null);
        assertEquals(others.body(), 200, others.statusCode());
        assertFalse("another province's officer sees none of Fujian's students: " + others.body(),
                others.body().contains(student.path("sourcedId").asText()));
        assertEquals(404, send("GET", url, elsewhere, null, null).statusCode());

        String agency = "Bearer " + LoginFlow.clientCredentials(clients, OrgPath.of("/35/3501"), "basedata.read");
        HttpResponse<String> synced = send("GET", "/api/basedata/v1/people?role=student&limit=1", agency, null, null);
        assertEquals(synced.body(), 200, synced.statusCode());
        assertEquals(synced.body(), "1101**********002X", KernelHttp.json(synced).path("items").path(0).path("idNumber").asText());
        HttpResponse<String> readOnly = send("POST", "/api/basedata/v1/people", agency, null, "{}");
        assertEquals(readOnly.body(), 403, readOnly.statusCode());
        assertTrue(readOnly.headers().firstValue("WWW-Authenticate").orElse(""),
                readOnly.headers().firstValue("WWW-Authenticate").orElse("").contains("basedata.write"));
    }

    private static JsonNode created(HttpResponse<String> response) throws Exception {
        assertEquals(response.body(), 201, response.statusCode());
        assertEquals("\"1\"", response.headers().firstValue("ETag").orElse(""));
        return KernelHttp.json(response);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) throws Exception {
        assertEquals(response.body(), status, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonNode problem = KernelHttp.json(response);
        assertEquals(status, problem.path("status").asInt());
        assertTrue(problem.toString(), problem.path("detail").asText().contains(detail) || problem.path("field").asText().equals(detail));
    }

    private long lastCursor() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COALESCE(MAX(cursor_id), 0) FROM bd_change")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String ifMatch, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + KernelAddress.HTTP_PORT + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
