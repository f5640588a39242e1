package org.educloud.basedata.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.NationalId;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRole;
import org.educloud.platform.rest.Problem;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Request bodies and headers: each mistake named with its field and a way to fix it; ID numbers shown masked. */
class RequestBodiesTest {

    @Test
    void aStudentIsReadFieldByField() {
        Person student = Representations.person("{\"role\":\"student\",\"orgId\":\"s1\",\"familyName\":\"曹\",\"givenName\":\"爱华\","
                + "\"idNumber\":\"11010519491231002x\",\"status\":{\"registryNumber\":\"G1\",\"enrollmentDate\":\"2016-09-01\","
                + "\"address\":\"德州经济开发区华腾御城1-2-603\",\"leftBehindChild\":true},\"version\":3,\"guardians\":[]}");
        assertEquals(PersonRole.STUDENT, student.role());
        assertEquals("11010519491231002X", student.idNumber().value());
        assertEquals(LocalDate.of(2016, 9, 1), student.status().enrollmentDate());
        assertTrue(student.status().leftBehindChild());
    }

    @Test
    void aMaskedNumberSentBackMeansUnchanged() {
        assertNull(Representations.person("{\"idNumber\":\"1101**********002X\"}").idNumber());
    }

    @Test
    void mistakesNameTheirField() {
        assertProblem("idNumber", "GB 11643", () -> Representations.person("{\"idNumber\":\"110105194912310021\"}"));
        assertProblem("status.enrollmentDate", "yyyy-mm-dd",
                () -> Representations.person("{\"status\":{\"enrollmentDate\":\"2016/9/1\"}}"));
        assertProblem("status.orphan", "true or false", () -> Representations.person("{\"status\":{\"orphan\":\"yes\"}}"));
        assertProblem("nmae", "unknown field 'nmae'", () -> Representations.org("{\"nmae\":\"x\"}"));
        assertProblem("role", "student, teacher, guardian or staff", () -> Representations.person("{\"role\":\"pupil\"}"));
        assertProblem("entryYear", "whole number", () -> Representations.schoolClass("{\"entryYear\":\"2017\"}"));
        assertProblem("", "not valid JSON", () -> Representations.org("{\"kind\":"));
        assertProblem("", "JSON object", () -> Representations.org("[1, 2]"));
        assertProblem("", "no body", () -> Representations.org(""));
    }

    @Test
    void ifMatchIsRequiredAndNamesAVersion() {
        BasedataProblem missing = assertThrows(BasedataProblem.class, () -> Replies.expectedVersion(null));
        assertEquals(Kind.VERSION_REQUIRED, missing.kind());
        assertEquals(428, missing.kind().status());
        assertEquals(3, Replies.expectedVersion("\"3\""));
        assertEquals(3, Replies.expectedVersion("W/\"3\""));
        assertNull(Replies.expectedVersion("*"));
        assertEquals(412, assertThrows(BasedataProblem.class, () -> Replies.expectedVersion("v3")).kind().status());
    }

    @Test
    void limitsAreBetweenOneAndFiveHundred() {
        assertEquals(Replies.DEFAULT_LIMIT, Replies.limit(null));
        assertEquals(500, Replies.limit("500"));
        assertProblem("limit", "1 to 500", () -> Replies.limit("0"));
        assertProblem("limit", "1 to 500", () -> Replies.limit("many"));
        assertProblem("under", "not valid", () -> Replies.under("37/3701"));
    }

    @Test
    void aPersonShowsTheMaskedNumberUnlessTheWholeOneWasReleased() {
        Person stored = new Person("p1", PersonRole.TEACHER, "s1", "/37", "王", "蕊", "female", null, null, "1101**********002X",
                null, null, null, null, null, 2, null, null);
        JsonNode masked = Representations.json(stored);
        assertEquals("1101**********002X", masked.path("idNumber").asText());
        assertEquals("王蕊", masked.path("name").asText());
        assertTrue(masked.path("status").isMissingNode(), "only students have a status");
        Person released = new Person("p1", PersonRole.TEACHER, "s1", "/37", "王", "蕊", "female", null,
                new NationalId("11010519491231002X"), "1101**********002X", null, null, null, null, null, 2, null, null);
        assertEquals("11010519491231002X", Representations.json(released).path("idNumber").asText());
    }

    @Test
    void problemsBecomeThePlatformsProblemDetailsWithTypeTitleStatusDetailAndField() throws Exception {
        Problem problem = Replies.problem(new BasedataProblem(Kind.VERSION_MISMATCH, "If-Match", "org x is at version 2, not 1"),
                "/api/basedata/v1/orgs/x");
        assertEquals("urn:educloud:problem:version-mismatch", problem.type());
        assertEquals(412, problem.status());
        assertEquals("If-Match", problem.field());
        JsonNode body = JsonBody.MAPPER.readTree(problem.toJson());
        assertEquals("/api/basedata/v1/orgs/x", body.path("instance").asText());
        assertEquals("org x is at version 2, not 1", body.path("detail").asText());
        assertTrue(body.path("title").asText().length() > 0);
    }

    private static void assertProblem(String field, String detail, org.junit.jupiter.api.function.Executable action) {
        BasedataProblem problem = assertThrows(BasedataProblem.class, action);
        assertEquals(Kind.INVALID, problem.kind(), problem.getMessage());
        assertEquals(field, problem.field(), problem.getMessage());
        assertTrue(problem.getMessage().contains(detail), problem.getMessage());
    }
}
