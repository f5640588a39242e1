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
import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;
import javax.sql.DataSource;
import javax.ws.rs.container.ContainerRequestFilter;

import org.educloud.persistence.SchemaMigrations;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The basic-data REST API in the booted kernel, for an authenticated caller: create, read and
 * update with ETag / If-Match, masked and audited ID numbers, org scoping, cursor pages and the
 * change feed. Until the kernel's bearer-token filter lands, {@link GrantsHeaderFilter} sets the caller.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class BasedataRestIT {

    private static final String ADMIN = "basedata:*:*@/36";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    private BundleContext context;

    @Inject
    @Filter(value = SchemaMigrations.DATA_SOURCE_FILTER, timeout = 120_000)
    private DataSource dataSource;

    private ServiceRegistration<ContainerRequestFilter> filter;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Before
    public void standInForTheBearerFilter() throws Exception {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.jaxrs.extension", Boolean.TRUE);
        properties.put("osgi.jaxrs.name", "itest.grants-header");
        filter = context.registerService(ContainerRequestFilter.class, new GrantsHeaderFilter(), properties);
        Eventually.holds("the basedata API answers an authenticated caller", Duration.ofSeconds(90), () -> {
            try {
                return send("GET", "/api/basedata/v1/orgs", ADMIN, null, null).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @After
    public void removeFilter() {
        filter.unregister();
    }

    @Test
    public void createReadUpdateWithETagsAndTheChangeFeed() throws Exception {
        long start = lastCursor();
        JsonNode province = created(send("POST", "/api/basedata/v1/orgs", ADMIN, null,
                "{\"kind\":\"province\",\"code\":\"36\",\"name\":\"江西省\"}"));
        JsonNode city = created(send("POST", "/api/basedata/v1/orgs", ADMIN, null,
                "{\"kind\":\"city\",\"code\":\"3601\",\"name\":\"南昌市\",\"parentId\":\"" + province.path("sourcedId").asText() + "\"}"));
        String cityUrl = "/api/basedata/v1/orgs/" + city.path("sourcedId").asText();

        HttpResponse<String> read = send("GET", cityUrl, ADMIN, null, null);
        assertEquals(read.body(), 200, read.statusCode());
        assertEquals("\"1\"", read.headers().firstValue("ETag").orElse(""));
        assertEquals("/36/3601", KernelHttp.json(read).path("path").asText());

        String rename = "{\"name\":\"南昌市（省会）\"}";
        assertProblem(send("PUT", cityUrl, ADMIN, null, rename), 428, "If-Match");
        assertProblem(send("PUT", cityUrl, ADMIN, "\"7\"", rename), 412, "version 1");
        HttpResponse<String> updated = send("PUT", cityUrl, ADMIN, "\"1\"", rename);
        assertEquals(updated.body(), 200, updated.statusCode());
        assertEquals("\"2\"", updated.headers().firstValue("ETag").orElse(""));
        assertProblem(send("PUT", cityUrl, ADMIN, "\"1\"", rename), 412, "someone changed it");
        assertProblem(send("POST", "/api/basedata/v1/orgs", ADMIN, null, "{\"kind\":\"city\",\"code\":"), 400, "not valid JSON");
        assertProblem(send("POST", "/api/basedata/v1/orgs", ADMIN, null, "{\"kind\":\"city\",\"nmae\":\"x\"}"), 400, "unknown field 'nmae'");

        List<JsonNode> changes = new ArrayList<>();
        String since = String.valueOf(start);
        while (true) {
            HttpResponse<String> page = send("GET", "/api/basedata/v1/changes?limit=1&since=" + since, ADMIN, null, null);
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
        String admin = "basedata:*:*@/35";
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

        String teacher = "basedata:students:read@" + school.path("path").asText();
        assertEquals("1101**********002X", KernelHttp.json(send("GET", url, teacher, null, null)).path("idNumber").asText());
        assertProblem(send("GET", url + "?reveal=idNumber", teacher, null, null), 403, "basedata:idnumbers:read");
        HttpResponse<String> whole = send("GET", url + "?reveal=idNumber", teacher + ";basedata:idnumbers:read@/35", null, null);
        assertEquals("11010519491231002X", KernelHttp.json(whole).path("idNumber").asText());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM bd_audit_event WHERE action = 'idnumber.read' AND target = '"
                     + student.path("sourcedId").asText() + "'")) {
            row.next();
            assertEquals(1, row.getInt(1));
        }

        HttpResponse<String> elsewhere = send("GET", "/api/basedata/v1/people?role=student", "basedata:students:read@/36", null, null);
        assertEquals(elsewhere.body(), 200, elsewhere.statusCode());
        assertFalse("another province's officer sees none of Fujian's students: " + elsewhere.body(),
                elsewhere.body().contains(student.path("sourcedId").asText()));
        assertEquals(404, send("GET", url, "basedata:students:read@/36", null, null).statusCode());
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

    private static HttpResponse<String> send(String method, String path, String grants, String ifMatch, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + KernelUnderTest.HTTP_PORT + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (grants != null) {
            request.header(GrantsHeaderFilter.HEADER, grants);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
