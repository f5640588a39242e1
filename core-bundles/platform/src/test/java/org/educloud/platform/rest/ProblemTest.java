package org.educloud.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

class ProblemTest {

    @Test
    void theBodyIsProblemJsonWithEscapedTextAndOnlyTheMembersThatAreSet() {
        Problem problem = Problem.invalidInput("username", "username \"a b\" is not valid:\nuse letters").at("/api/x");
        assertEquals("{\"type\":\"urn:educloud:problem:invalid-input\",\"title\":\"Invalid input\",\"status\":400,"
                + "\"detail\":\"username \\\"a b\\\" is not valid:\\nuse letters\",\"instance\":\"/api/x\",\"field\":\"username\"}",
                problem.toJson());
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"gone\"}",
                Problem.ofStatus(404, "gone").toJson());
    }

    @Test
    void aResponseCarriesTheStatusAndTheProblemMediaType() {
        Response response = Problem.conflict("username", "taken").toResponse();
        assertEquals(409, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, String.valueOf(response.getHeaderString("Content-Type")));
        assertThrows(IllegalArgumentException.class, () -> Problem.ofStatus(200, "fine"));
    }

    @Test
    void webExceptionsKeepTheirStatusAndHeadersAndSayWhatToDo() {
        Response notFound = new ProblemMapper().toResponse(new NotFoundException());
        assertEquals(404, notFound.getStatus());
        assertTrue(String.valueOf(notFound.getEntity()).contains("check the URL"), String.valueOf(notFound.getEntity()));

        Response notAllowed = new ProblemMapper().toResponse(new NotAllowedException("GET", new String[] {"HEAD"}));
        assertEquals(405, notAllowed.getStatus());
        assertTrue(String.valueOf(notAllowed.getEntity()).contains("it allows"), String.valueOf(notAllowed.getEntity()));
        assertFalse(notAllowed.getHeaders().get("Allow").isEmpty(), "the Allow header stays");

        Response own = new ProblemMapper().toResponse(new ProblemException(Problem.invalidInput("limit", "limit must be 1–500")));
        assertTrue(String.valueOf(own.getEntity()).contains("\"field\":\"limit\""));
    }

    @Test
    void anUnreadableJsonBodyIsA400NamingTheMember() {
        JsonMappingException wrong = JsonMappingException.from(
                (JsonParser) null, "Cannot deserialize value of type `java.lang.String` from Array value");
        wrong.prependPath(new JsonMappingException.Reference(null, 1));
        wrong.prependPath(new JsonMappingException.Reference(null, "grants"));
        Response response = new JsonProblemMapper().toResponse(wrong);
        String body = String.valueOf(response.getEntity());
        assertEquals(400, response.getStatus());
        assertTrue(body.contains("\"field\":\"grants[1]\""), body);
        assertTrue(body.contains("Cannot deserialize"), body);
    }

    @Test
    void anUnexpectedErrorIsA500WithAnIncidentIdAndNoStackTrace() {
        Response response = new UnexpectedErrorMapper().toResponse(new IllegalStateException("secret table idn_x broke"));
        String body = String.valueOf(response.getEntity());
        assertEquals(500, response.getStatus());
        assertTrue(body.contains("incident"), body);
        assertFalse(body.contains("secret") || body.contains("IllegalStateException"), body);
    }
}
