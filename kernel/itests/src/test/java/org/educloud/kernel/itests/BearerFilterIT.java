package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The kernel's one bearer-token filter on the booted distribution: protected APIs refuse requests
 * without a valid token with RFC 6750 challenges and RFC 9457 problem bodies; the health probe and
 * the OpenID Connect endpoints stay open.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class BearerFilterIT {

    private static final String ME = "/api/identity/v1/me";

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Test
    public void withoutATokenAProtectedApiAnswers401WithAChallengeAndAProblem() throws Exception {
        HttpResponse<String> response = KernelHttp.getUntil(ME, r -> r.statusCode() != 404 && r.statusCode() != 503, Duration.ofSeconds(90));
        assertEquals(response.body(), 401, response.statusCode());
        assertEquals("Bearer realm=\"educloud\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
        assertProblem(response, 401, ME);
        assertTrue(response.body(), KernelHttp.json(response).path("detail").asText().contains("Authorization: Bearer"));
    }

    @Test
    public void aGarbageTokenIsRefusedAsInvalid() throws Exception {
        KernelHttp.getUntil(ME, r -> r.statusCode() == 401, Duration.ofSeconds(90));
        HttpResponse<String> response = KernelHttp.get(ME, "Bearer not-a-jwt");
        assertEquals(response.body(), 401, response.statusCode());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge, challenge.startsWith("Bearer realm=\"educloud\", error=\"invalid_token\", error_description=\""));
        assertProblem(response, 401, ME);

        HttpResponse<String> forged = KernelHttp.get("/api/identity/v1/accounts",
                // HS256 with a guessable secret: the classic algorithm-confusion forgery
                "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6IngifQ.eyJzdWIiOiIxIiwiYXVkIjoiZWR1Y2xvdWQifQ."
                + "MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA");
        assertEquals(forged.body(), 401, forged.statusCode());
        assertTrue(forged.body(), KernelHttp.json(forged).path("detail").asText().contains("RS256"));
    }

    @Test
    public void theHealthProbeAndTheOidcEndpointsNeedNoToken() throws Exception {
        assertEquals(200, KernelHttp.getUntil("/api/platform/v1/health", r -> r.statusCode() == 200, Duration.ofSeconds(90)).statusCode());
        assertEquals(200, KernelHttp.getUntil("/.well-known/openid-configuration", r -> r.statusCode() == 200,
                Duration.ofSeconds(90)).statusCode());
    }

    @Test
    public void anUnknownApiPathIsA404Problem() throws Exception {
        KernelHttp.getUntil(ME, r -> r.statusCode() == 401, Duration.ofSeconds(90));
        HttpResponse<String> response = KernelHttp.get("/api/identity/v1/no-such-thing", null);
        assertEquals(response.body(), 404, response.statusCode());
        assertProblem(response, 404, "/api/identity/v1/no-such-thing");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String path) throws Exception {
        assertEquals(response.body(), "application/problem+json", response.headers().firstValue("Content-Type").orElse("")
                .replaceAll(";.*", ""));
        JsonNode problem = KernelHttp.json(response);
        assertEquals(response.body(), status, problem.path("status").asInt());
        assertTrue(response.body(), problem.path("type").asText().length() > 0);
        assertTrue(response.body(), problem.path("title").asText().length() > 0);
        assertTrue(response.body(), problem.path("detail").asText().length() > 20);
        assertEquals(response.body(), path, problem.path("instance").asText());
    }
}
