package org.educloud.testkit;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser as far as the sign-in pages need one: it keeps cookies, does not follow redirects
 * (the test reads them), and fills in and submits the pages' forms.
 */
public final class Browser {

    private static final Pattern FORM = Pattern.compile("<form id=\"([^\"]+)\" method=\"post\" action=\"([^\"]+)\">(.*?)</form>",
            Pattern.DOTALL);
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    public HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    /** Submits the form with this id on the page, its hidden fields plus {@code fields}. */
    public HttpResponse<String> submit(HttpResponse<String> page, String formId, Map<String, String> fields)
            throws IOException, InterruptedException {
        Matcher form = FORM.matcher(page.body());
        while (form.find()) {
            if (form.group(1).equals(formId)) {
                Map<String, String> values = new LinkedHashMap<>();
                Matcher hidden = HIDDEN.matcher(form.group(3));
                while (hidden.find()) {
                    values.put(hidden.group(1), unescape(hidden.group(2)));
                }
                values.putAll(fields);
                return post(form.group(2), values, null);
            }
        }
        throw new AssertionError("no form '" + formId + "' on the page (status " + page.statusCode() + "):\n" + page.body());
    }

    /** A form POST, with an optional Authorization header. */
    public HttpResponse<String> post(String url, Map<String, String> fields, String authorization) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(encode(name)).append('=').append(encode(value)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** A JSON POST with a bearer token. */
    public HttpResponse<String> postJson(String url, String json, String accessToken) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> getWithToken(String url, String accessToken) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + accessToken).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        KernelHttp.awaitSettledWhiteboard(); // inside a booting kernel, wait until it serves REST
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The query parameters of a redirect's Location. */
    public static Map<String, String> redirectParameters(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect (status " + response.statusCode() + "):\n" + response.body()));
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = URI.create(location).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        parameters.put("_location", location);
        return parameters;
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#x3D;", "=").replace("&#x27;", "'").replace("&#x60;", "`").replace("&#x2F;", "/").replace("&amp;", "&");
    }
}
