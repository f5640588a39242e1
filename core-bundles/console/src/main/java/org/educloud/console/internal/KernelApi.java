package org.educloud.console.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import org.educloud.portal.SignedInUser;

/**
 * The kernel's REST APIs called as the signed-in person ({@link SignedInUser#api}): JSON in, JSON
 * out, and every refusal as an {@link ApiRefusal} carrying the API's own problem detail. The APIs
 * make the decisions (who may list, create, grant, install, review); the console only shows them.
 */
final class KernelApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final SignedInUser user;

    KernelApi(HttpClient http, SignedInUser user) {
        this.http = http;
        this.user = user;
    }

    JsonNode get(String path) {
        return send(user.api(path).GET());
    }

    /**
     * A report whose answer is a body in any case, as the health report (503 with the report while
     * the platform is down): the body unless there is none.
     */
    JsonNode getReport(String path) {
        return send(user.api(path).GET(), true);
    }

    JsonNode post(String path, Object body) {
        return send(user.api(path).header("Content-Type", "application/json").POST(json(body)));
    }

    JsonNode delete(String path) {
        return send(user.api(path).DELETE());
    }

    /** Uploads a file as the raw body ({@code application/zip}). */
    JsonNode postFile(String path, Path file) {
        try {
            return send(user.api(path).header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (IOException e) {
            throw new ApiRefusal(400, "the uploaded file could not be read again: " + e.getMessage(), List.of());
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        return send(request, false);
    }

    private JsonNode send(HttpRequest.Builder request, boolean anyStatus) {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiRefusal(503, "the kernel's API did not answer: " + e.getMessage(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiRefusal(503, "interrupted while waiting for the kernel's API", List.of());
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 400 && !(anyStatus && body.isObject())) {
            throw refusal(response.statusCode(), body);
        }
        return body;
    }

    static ApiRefusal refusal(int status, JsonNode problem) {
        String detail = problem.path("detail").asText(problem.path("title").asText("HTTP " + status));
        List<ApiRefusal.PackageProblem> problems = new ArrayList<>();
        for (JsonNode p : problem.path("problems")) {
            problems.add(new ApiRefusal.PackageProblem(p.path("where").asText(""), p.path("what").asText(""), p.path("fix").asText("")));
        }
        return new ApiRefusal(status, detail, problems);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance(); // not JSON (a proxy's error page): the status says enough
        }
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON-serialisable: " + body, e);
        }
    }
}
