package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.educloud.identity.AccountDirectory;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewAccount;
import org.educloud.identity.RoleGrant;
import org.educloud.persistence.SchemaMigrations;
import org.educloud.testkit.Eventually;
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
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The workflow and messages APIs on the booted kernel, over real HTTP with access tokens from the
 * login flow: a transfer case through every transition (approve, return for correction and
 * resubmit, complete), another rejected with a reason, the wrong actor refused with a 403 saying
 * who may act, to-dos appearing for the right person and gone once they act, a timed-out step
 * escalated by the kernel's own schedule, and a message sent to a class and read by a student.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class WorkflowIT {

    private static final String API = "/api/workflow/v1";
    private static final String MESSAGES = "/api/messages/v1";
    private static final String SCHOOL = "/37/3701/370102/3701020001";
    private static final String DESTINATION = "/37/3709/370982/3709820007";
    private static final String PASSWORD = "first login password";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    @Filter(timeout = 120_000)
    private AccountDirectory accounts;

    @Inject
    @Filter(timeout = 120_000)
    private ClientDirectory clients;

    @Inject
    @Filter(value = SchemaMigrations.DATA_SOURCE_FILTER, timeout = 120_000)
    private DataSource dataSource;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Test
    public void aTransferGoesThroughEveryTransitionAndOnlyTheRightPeopleMayAct() throws Exception {
        People people = people();
        String caseUri = start(people.applicant, "张三");
        long id = Long.parseLong(caseUri.substring(caseUri.lastIndexOf('/') + 1));
        JsonNode started = KernelHttp.json(KernelHttp.get(API + "/cases/" + id, people.applicant));
        assertEquals(started.toString(), "IN_REVIEW", started.path("current").path("status").asText());
        assertEquals("transfer-in-school", started.path("current").path("pending").path("stepId").asText());

        // the to-do is the transfer-in school administrator's, and no one else's
        assertTrue(todoIds(people.inSchool).contains(id));
        assertTrue("not yet the transfer-out school's", !todoIds(people.outSchool).contains(id));
        HttpResponse<String> wrong = act(people.outSchool, id, "{\"action\": \"approve\"}");
        assertEquals(wrong.body(), 403, wrong.statusCode());
        assertEquals("application/problem+json", wrong.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
        String detail = KernelHttp.json(wrong).path("detail").asText();
        assertTrue(detail, detail.contains("school-admin at " + DESTINATION));
        assertEquals(API + "/cases/" + id + "/actions", KernelHttp.json(wrong).path("instance").asText());

        int version = started.path("current").path("version").asInt();
        HttpResponse<String> approved = act(people.inSchool, id, "{\"action\": \"approve\", \"comment\": \"同意接收\", \"version\": "
                + version + "}");
        assertEquals(approved.body(), 200, approved.statusCode());
        assertTrue("acted on: the to-do is gone", !todoIds(people.inSchool).contains(id));
        HttpResponse<String> stale = act(people.outSchool, id, "{\"action\": \"approve\", \"version\": " + version + "}");
        assertEquals(stale.body(), 409, stale.statusCode());
        assertEquals("version", KernelHttp.json(stale).path("field").asText());

        assertTrue(todoIds(people.outSchool).contains(id));
        HttpResponse<String> returned = act(people.outSchool, id, "{\"action\": \"return\", \"comment\": \"请补充户籍证明\"}");
        assertEquals(returned.body(), "RETURNED", KernelHttp.json(returned).path("status").asText());
        assertTrue("the applicant corrects it", todoIds(people.applicant).contains(id));
        HttpResponse<String> resubmitted = act(people.applicant, id, "{\"action\": \"resubmit\", \"comment\": \"已补充\", "
                + "\"reason\": \"随父母工作调动，已附户籍证明\"}");
        assertEquals(resubmitted.body(), "transfer-out-school", KernelHttp.json(resubmitted).path("pending").path("stepId").asText());

        assertEquals(200, act(people.outSchool, id, "{\"action\": \"approve\"}").statusCode());
        assertEquals(200, act(people.outDistrict, id, "{\"action\": \"approve\"}").statusCode());
        HttpResponse<String> completed = act(people.inDistrict, id, "{\"action\": \"approve\", \"comment\": \"同意转入\"}");
        assertEquals(completed.body(), "COMPLETED", KernelHttp.json(completed).path("status").asText());

        JsonNode history = KernelHttp.json(KernelHttp.get(API + "/cases/" + id, people.applicant)).path("history");
        List<String> transitions = new ArrayList<>();
        history.forEach(entry -> transitions.add(entry.path("transition").asText()));
        assertEquals(List.of("STARTED", "STEP_APPROVED", "RETURNED", "RESUBMITTED", "STEP_APPROVED", "STEP_APPROVED", "STEP_APPROVED",
                "COMPLETED"), transitions);
        assertEquals("请补充户籍证明", history.path(2).path("comment").asText());
        assertTrue(history.toString(), history.path(2).path("actor").asText().startsWith("wf.out.admin"));
        assertTrue(history.toString(), history.path(2).path("address").asText().length() > 0);

        HttpResponse<String> stranger = KernelHttp.get(API + "/cases/" + id, people.elsewhere);
        assertEquals(stranger.body(), 403, stranger.statusCode());
    }

    @Test
    public void aCaseIsRejectedWithAReason() throws Exception {
        People people = people();
        String caseUri = start(people.applicant, "李四");
        long id = Long.parseLong(caseUri.substring(caseUri.lastIndexOf('/') + 1));
        HttpResponse<String> noReason = act(people.inSchool, id, "{\"action\": \"reject\"}");
        assertEquals(noReason.body(), 400, noReason.statusCode());
        assertEquals("comment", KernelHttp.json(noReason).path("field").asText());
        HttpResponse<String> rejected = act(people.inSchool, id, "{\"action\": \"reject\", \"comment\": \"学位已满\"}");
        assertEquals(rejected.body(), "REJECTED", KernelHttp.json(rejected).path("status").asText());
        JsonNode history = KernelHttp.json(KernelHttp.get(API + "/cases/" + id, people.applicant)).path("history");
        assertEquals("REJECTED", history.path(1).path("transition").asText());
        assertEquals("学位已满", history.path(1).path("comment").asText());
        assertEquals(409, act(people.inSchool, id, "{\"action\": \"approve\"}").statusCode());
    }

    @Test
    public void aTimedOutStepEscalatesToTheDistrictBureau() throws Exception {
        People people = people();
        String caseUri = start(people.applicant, "王五");
        long id = Long.parseLong(caseUri.substring(caseUri.lastIndexOf('/') + 1));
        // Look every second rather than every minute, and let this step's time run out now.
        org.osgi.service.cm.Configuration config = configurationAdmin.getConfiguration("org.educloud.workflow", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("escalationIntervalSeconds", 1);
        config.update(properties);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement overdue = connection.prepareStatement("UPDATE wf_step SET due_at = ? WHERE case_id = ? AND status = 'PENDING'")) {
            overdue.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(60)));
            overdue.setLong(2, id);
            assertEquals(1, overdue.executeUpdate());
        }
        Eventually.holds("case " + id + " escalates to the destination district's bureau", Duration.ofSeconds(60), () -> {
            try {
                JsonNode pending = KernelHttp.json(KernelHttp.get(API + "/cases/" + id, people.applicant)).path("current").path("pending");
                return pending.path("role").asText().equals("district-officer") && pending.path("org").asText().equals("/37/3709/370982");
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(todoIds(people.inDistrict).contains(id));
        assertTrue(!todoIds(people.inSchool).contains(id));
        JsonNode history = KernelHttp.json(KernelHttp.get(API + "/cases/" + id, people.applicant)).path("history");
        assertEquals("ESCALATED", history.path(1).path("transition").asText());
        assertEquals("system:escalation", history.path(1).path("actor").asText());
        assertEquals(200, act(people.inDistrict, id, "{\"action\": \"approve\"}").statusCode());
    }

    @Test
    public void aMessageToAClassIsReadByItsStudent() throws Exception {
        People people = people();
        String clazz = SCHOOL + "/2017-02";
        HttpResponse<String> refused = KernelHttp.send("POST", MESSAGES + "/messages", people.inDistrict,
                "{\"to\": {\"kind\": \"class\", \"target\": \"" + clazz + "\"}, \"title\": \"通知\", \"body\": \"正文\"}");
        assertEquals(refused.body(), 403, refused.statusCode());
        assertTrue(refused.body(), KernelHttp.json(refused).path("detail").asText().contains("workflow:messages:send"));

        long before = KernelHttp.json(KernelHttp.get(MESSAGES + "/inbox/unread-count", people.student)).path("unread").asLong();
        HttpResponse<String> sent = KernelHttp.send("POST", MESSAGES + "/messages", people.outSchool,
                "{\"to\": {\"kind\": \"class\", \"target\": \"" + clazz + "\"}, \"title\": \"班会通知\", \"body\": \"周五下午班会\"}");
        assertEquals(sent.body(), 201, sent.statusCode());
        long messageId = KernelHttp.json(sent).path("id").asLong();
        assertEquals(before + 1, KernelHttp.json(KernelHttp.get(MESSAGES + "/inbox/unread-count", people.student)).path("unread").asLong());
        JsonNode inbox = KernelHttp.json(KernelHttp.get(MESSAGES + "/inbox?limit=1", people.student));
        assertEquals(inbox.toString(), messageId, inbox.path("items").path(0).path("id").asLong());
        assertTrue(inbox.toString(), !inbox.path("items").path(0).path("read").asBoolean());
        HttpResponse<String> read = KernelHttp.send("POST", MESSAGES + "/inbox/" + messageId + "/read", people.student, null);
        assertEquals(read.body(), 204, read.statusCode());
        assertEquals(before, KernelHttp.json(KernelHttp.get(MESSAGES + "/inbox/unread-count", people.student)).path("unread").asLong());
        assertEquals(404, KernelHttp.send("POST", MESSAGES + "/inbox/" + messageId + "/read", people.elsewhere, null).statusCode());
    }

    @Test
    public void theOperatorListsAndShowsCasesInTheShell() throws Exception {
        People people = people();
        String caseUri = start(people.applicant, "赵六");
        String id = caseUri.substring(caseUri.lastIndexOf('/') + 1);
        act(people.inSchool, Long.parseLong(id), "{\"action\": \"return\", \"comment\": \"请补充材料\"}");

        String listed = asOperator("workflow:list --status RETURNED -d student-transfer");
        assertTrue(listed, listed.contains("赵六") && listed.contains("RETURNED"));
        String shown = asOperator("workflow:show " + id);
        assertTrue(shown, shown.contains("STARTED") && shown.contains("RETURNED") && shown.contains("请补充材料"));
        assertTrue(shown, shown.contains("the applicant " + people.applicantName));
    }

    // ---- helpers ----

    /** Runs one shell command over SSH as the operator, with the password generated at first start. */
    private static String asOperator(String command) throws Exception {
        Duration timeout = Duration.ofSeconds(20);
        java.nio.file.Path passwordFile = java.nio.file.Path.of(System.getProperty("karaf.data"), "operator-initial-password");
        Eventually.holds("the generated password is written to " + passwordFile, timeout, () -> java.nio.file.Files.exists(passwordFile));
        org.apache.sshd.client.SshClient client = org.apache.sshd.client.SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        try (org.apache.sshd.client.session.ClientSession session = client.connect("operator", "127.0.0.1", KernelAddress.SSH_PORT)
                .verify(timeout).getSession()) {
            session.addPasswordIdentity(java.nio.file.Files.readString(passwordFile, StandardCharsets.UTF_8).trim());
            session.auth().verify(timeout);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (org.apache.sshd.client.channel.ChannelExec channel = session.createExecChannel(command + "\n")) {
                channel.setOut(out);
                channel.setErr(out);
                channel.open().verify(timeout);
                channel.waitFor(java.util.EnumSet.of(org.apache.sshd.client.channel.ClientChannelEvent.CLOSED), timeout);
            }
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            client.stop();
        }
    }

    /** Everyone a transfer from SCHOOL to DESTINATION involves, logged in through the login form. */
    private record People(String applicant, String inSchool, String outSchool, String outDistrict, String inDistrict, String student,
            String elsewhere, String applicantName) {
    }

    private People people() throws Exception {
        int n = SEQUENCE.incrementAndGet();
        String[] client = portal();
        return new People(user("wf.teacher" + n, "teacher@" + DESTINATION, client),
                user("wf.in.admin" + n, "school-admin@" + DESTINATION, client),
                user("wf.out.admin" + n, "school-admin@" + SCHOOL, client),
                user("wf.out.officer" + n, "district-officer@/37/3701/370102", client),
                user("wf.in.officer" + n, "district-officer@/37/3709/370982", client),
                user("wf.student" + n, "student@" + SCHOOL + "/2017-02", client),
                user("wf.elsewhere" + n, "teacher@/37/3702/370202/3702020001", client), "wf.teacher" + n);
    }

    private String start(String applicant, String name) throws Exception {
        KernelHttp.getUntil(API + "/definitions", r -> r.statusCode() == 401, Duration.ofSeconds(90));
        HttpResponse<String> created = KernelHttp.send("POST", API + "/cases", applicant, "{\"definition\": \"student-transfer\", "
                + "\"subject\": \"G3701022008" + SEQUENCE.incrementAndGet() + "\", \"subjectName\": \"" + name + "\", \"school\": \""
                + SCHOOL + "\", \"destination\": \"" + DESTINATION + "\", \"reason\": \"随父母工作调动\"}");
        assertEquals(created.body(), 201, created.statusCode());
        return created.headers().firstValue("Location").orElseThrow();
    }

    private static HttpResponse<String> act(String bearer, long id, String json) throws Exception {
        return KernelHttp.send("POST", API + "/cases/" + id + "/actions", bearer, json);
    }

    private static List<Long> todoIds(String bearer) throws Exception {
        HttpResponse<String> response = KernelHttp.get(API + "/todos?limit=500", bearer);
        assertEquals(response.body(), 200, response.statusCode());
        List<Long> ids = new ArrayList<>();
        KernelHttp.json(response).path("items").forEach(item -> ids.add(item.path("caseId").asLong()));
        long count = KernelHttp.json(KernelHttp.get(API + "/todos/count", bearer)).path("count").asLong();
        assertEquals("the count matches the list", ids.size(), count);
        return ids;
    }

    private String[] portal() {
        return LoginFlow.portal(clients, Set.of("openid", "workflow", "messages"));
    }

    /** Creates the user and logs them in through the login form (first login: a new password); returns the Authorization header. */
    private String user(String username, String grant, String[] client) throws Exception {
        accounts.create(NewAccount.of(username, username, PASSWORD, List.of(RoleGrant.parse(grant))), "itest");
        return "Bearer " + LoginFlow.firstLogin(client, username, PASSWORD, "openid workflow messages");
    }
}
