package org.educloud.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A real HTTP client against the kernel's own port, used from inside the container. */
public final class KernelHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile boolean settled;

    private KernelHttp() {
    }

    public static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, null);
    }

    /** GETs the path with this Authorization header ({@code null}: none). */
    public static HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        awaitSettledWhiteboard();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + KernelAddress.HTTP_PORT + path))
                .timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code method} to the path with this Authorization header and, when not {@code null}, a JSON body. */
    public static HttpResponse<String> send(String method, String path, String authorization, String json)
            throws IOException, InterruptedException {
        awaitSettledWhiteboard();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + KernelAddress.HTTP_PORT + path))
                .timeout(Duration.ofSeconds(90)).method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs bytes (an upload) of {@code contentType} to the path with this Authorization header. */
    public static HttpResponse<String> upload(String path, String authorization, byte[] body, String contentType)
            throws IOException, InterruptedException {
        awaitSettledWhiteboard();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + KernelAddress.HTTP_PORT + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", authorization).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IOException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** GETs the path until the response passes the check; the last response is returned either way. */
    public static HttpResponse<String> getUntil(String path, Predicate<HttpResponse<String>> check, Duration limit)
            throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        HttpResponse<String> last = null;
        while (true) {
            try {
                last = get(path);
                if (check.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                // the port may not be open yet; try again until the limit
            }
            if (Instant.now().isAfter(end)) {
                return last;
            }
            Thread.sleep(250);
        }
    }

    /** The health report once it answers (200 or 503). */
    public static JsonNode health() throws IOException, InterruptedException {
        HttpResponse<String> response = getUntil("/api/platform/v1/health",
                r -> r.statusCode() == 200 || r.statusCode() == 503, Duration.ofSeconds(90));
        if (response == null) {
            throw new AssertionError("The health endpoint never answered on port " + KernelAddress.HTTP_PORT);
        }
        return json(response);
    }

    /**
     * Once per kernel, before the first request from inside it: waits (at most 60 s) until the
     * kernel has opened its JAX-RS applications (its REST gate, {@code educloud.rest.ready}, opens
     * when its bundles have started) and the whiteboard has then been quiet for 2 s (resources that
     * arrive late still make it rebuild an application, answering 404 meanwhile). Outside the
     * kernel (a browser session's JVM) there is nothing to wait for.
     */
    static void awaitSettledWhiteboard() throws InterruptedException {
        if (settled) {
            return;
        }
        Bundle bundle = FrameworkUtil.getBundle(KernelHttp.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        Instant deadline = Instant.now().plusSeconds(60);
        Object lastCount = null;
        Instant quietSince = Instant.now();
        while (context != null && Instant.now().isBefore(deadline)) {
            ServiceReference<?> runtime = context.getServiceReference("org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime");
            Object count = runtime == null || !restOpen(context) ? "none" : runtime.getProperty("service.changecount");
            if (count == null) {
                break; // a runtime that does not count its changes: nothing to watch
            }
            if (!count.equals(lastCount)) {
                lastCount = count;
                quietSince = Instant.now();
            } else if (!"none".equals(count) && Duration.between(quietSince, Instant.now()).toMillis() >= 2000) {
                break;
            }
            Thread.sleep(200);
        }
        settled = true;
    }

    private static boolean restOpen(BundleContext context) {
        try {
            return context.getServiceReferences((String) null, "(educloud.rest.ready=true)") != null;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
