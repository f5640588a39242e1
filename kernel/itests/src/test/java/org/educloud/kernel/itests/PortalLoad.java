package org.educloud.kernel.itests;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load half of {@link PortalBench}, in a JVM of its own so the kernel under test does not share
 * its heap or threads: plain {@code java.net.http} clients on loopback, each user with their own
 * cookies, logging in through the kernel's real login pages.
 *
 * <p>Arguments, {@code name=value}: issuer, password (every account's first), reviewer (the user
 * with the to-dos), users (how many students to log in), prefix (their usernames are prefix + 0 ..
 * users - 1), homeRequests (timed home pages of the reviewer), seconds (how long the students browse),
 * apps and todos (what the reviewer's home must show).
 */
public final class PortalLoad {

    private static final Pattern FORM = Pattern.compile("<form id=\"([^\"]+)\" method=\"post\" action=\"([^\"]+)\">(.*?)</form>",
            Pattern.DOTALL);
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern SERVER_TIMING = Pattern.compile("portal;dur=([0-9.]+)");
    private static final String NEW_PASSWORD = "a much better password 2026";

    private final HttpClient http;
    private final String issuer;

    private PortalLoad(HttpClient http, String issuer) {
        this.http = http;
        this.issuer = issuer;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> arg = new HashMap<>();
        for (String argument : args) {
            arg.put(argument.substring(0, argument.indexOf('=')), argument.substring(argument.indexOf('=') + 1));
        }
        // One client for every simulated user (their cookies are their own): a connection pool, not a thread per user.
        ExecutorService io = Executors.newFixedThreadPool(8);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).executor(io).build();
        PortalLoad load = new PortalLoad(http, arg.get("issuer"));
        try {
            load.home(arg.get("reviewer"), arg.get("password"), Integer.parseInt(arg.get("homeRequests")), arg.get("apps"),
                    arg.get("todos"));
            load.browse(arg.get("prefix"), Integer.parseInt(arg.get("users")), arg.get("password"), Integer.parseInt(arg.get("seconds")));
            System.out.println("PORTAL LOAD DONE");
        } catch (Exception | AssertionError e) {
            e.printStackTrace(System.out);
            System.exit(1); // the client's threads would keep the JVM (and the benchmark waiting on it) alive
        }
        System.exit(0);
    }

    /** Phase 1: the reviewer's home, one request at a time after a warm-up; server time (Server-Timing) and loopback latency. */
    private void home(String reviewer, String password, int requests, String apps, String todos) throws Exception {
        Map<String, String> cookies = logIn(reviewer, password);
        HttpResponse<String> first = get("/portal/", cookies);
        int tiles = count(first.body(), "class=\"tile\"");
        boolean todoCount = first.body().contains(">" + todos + "</span>");
        System.out.printf("home of %s: %d tiles (want %s), to-do count %s shown: %s, %d bytes%n", reviewer, tiles, apps, todos, todoCount,
                first.body().length());
        if (tiles != Integer.parseInt(apps) || !todoCount) {
            throw new IllegalStateException("the reviewer's home is not the one to measure:\n" + first.body());
        }
        for (int i = 0; i < 300; i++) {
            get("/portal/", cookies); // warm-up: JIT, connection pool, caches
        }
        double[] server = new double[requests];
        double[] latency = new double[requests];
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> page = get("/portal/", cookies);
            latency[i] = (System.nanoTime() - t0) / 1e6;
            if (page.statusCode() != 200) {
                throw new IllegalStateException("home answered " + page.statusCode());
            }
            Matcher timing = SERVER_TIMING.matcher(page.headers().firstValue("Server-Timing").orElse(""));
            server[i] = timing.find() ? Double.parseDouble(timing.group(1)) : Double.NaN;
        }
        System.out.println("home server time (Server-Timing) over " + requests + " requests: " + summary(server));
        System.out.println("home loopback latency (client) over " + requests + " requests: " + summary(latency));
    }

    /** Phase 2: every user logged in, then all of them browsing at once for {@code seconds}, with 1-3 s between pages. */
    private void browse(String prefix, int users, String password, int seconds) throws Exception {
        List<Map<String, String>> sessions = new ArrayList<>();
        ExecutorService logins = Executors.newFixedThreadPool(8);
        long t0 = System.nanoTime();
        List<Future<Map<String, String>>> loggedIn = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String username = prefix + i;
            loggedIn.add(logins.submit(() -> logIn(username, password)));
        }
        int refused = 0;
        for (Future<Map<String, String>> session : loggedIn) {
            try {
                sessions.add(session.get());
            } catch (java.util.concurrent.ExecutionException e) {
                refused++;
                System.out.println("  login failed: " + e.getCause().getMessage().lines().findFirst().orElse(""));
            }
        }
        logins.shutdown();
        System.out.printf("logged in %d of %d users in %.1f s (first login: a new password each), %d logins failed%n", sessions.size(),
                users, (System.nanoTime() - t0) / 1e9, refused);

        String[] pages = {"/portal/", "/portal/me", "/portal/", "/portal/?lang=en", "/portal/me", "/portal/?lang=zh-CN"};
        AtomicLong requests = new AtomicLong();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        // A thread per user: Java 17 has no virtual threads; 1,000 platform threads mostly sleeping are fine.
        ExecutorService browsers = Executors.newFixedThreadPool(Math.max(1, sessions.size()));
        long started = System.nanoTime();
        for (Map<String, String> cookies : sessions) {
            browsers.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                sleep(random.nextLong(0, 3000)); // arrivals spread over the first 3 s
                for (int n = random.nextInt(pages.length); System.nanoTime() < end; n++) {
                    String path = pages[n % pages.length];
                    long t = System.nanoTime();
                    try {
                        HttpResponse<String> page = get(path, cookies);
                        latencies.add((System.nanoTime() - t) / 1e6);
                        requests.incrementAndGet();
                        // A signed-in page, not the way to the login page: a session lost is an error too.
                        if (page.statusCode() != 200 || !page.body().contains("id=\"logout-button\"")) {
                            errors.computeIfAbsent("HTTP " + page.statusCode() + " on " + path.replaceAll("\\?.*", ""), k -> new AtomicLong())
                                    .incrementAndGet();
                        }
                    } catch (IOException | RuntimeException e) {
                        requests.incrementAndGet();
                        errors.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(), k -> new AtomicLong()).incrementAndGet();
                    }
                    sleep(random.nextLong(1000, 3000));
                }
                return null;
            });
        }
        browsers.shutdown();
        browsers.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - started) / 1e9;
        double[] all = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        long failed = errors.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf("browsing: %d users for %.0f s, %d requests (%.1f/s), %d errors%n", sessions.size(), elapsed, requests.get(),
                requests.get() / elapsed, failed);
        System.out.println("browsing latency: " + summary(all));
        errors.forEach((what, count) -> System.out.println("  error " + count.get() + " x " + what));
    }

    /** Logs in through the kernel's pages as a browser would; returns the user's cookies, holding their portal session. */
    private Map<String, String> logIn(String username, String password) throws IOException, InterruptedException {
        Map<String, String> cookies = new LinkedHashMap<>();
        HttpResponse<String> page = follow(get("/portal/", cookies), cookies);
        page = follow(submit(page, "login", Map.of("username", username, "password", password), cookies), cookies);
        if (page.body().contains("id=\"change-password\"")) {
            page = follow(submit(page, "change-password", Map.of("new_password", NEW_PASSWORD, "confirm_password", NEW_PASSWORD), cookies),
                    cookies);
        }
        if (page.statusCode() != 200 || !page.body().contains("id=\"greeting\"")) {
            throw new IllegalStateException(username + " did not get to the portal's home (" + page.statusCode() + "):\n" + page.body());
        }
        return cookies;
    }

    /** Follows redirects within the kernel, keeping cookies. */
    private HttpResponse<String> follow(HttpResponse<String> response, Map<String, String> cookies) throws IOException, InterruptedException {
        for (int hops = 0; response.statusCode() / 100 == 3 && hops < 10; hops++) {
            response = get(response.headers().firstValue("Location").orElseThrow(), cookies);
        }
        return response;
    }

    /**
     * Submits a form of the kernel's pages with its hidden fields plus {@code fields}, with this
     * user's cookies (the test kit's Browser keeps cookies of its own, one client per browser: a
     * thousand of those would be a thousand clients).
     */
    private HttpResponse<String> submit(HttpResponse<String> page, String formId, Map<String, String> fields, Map<String, String> cookies)
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
                StringBuilder body = new StringBuilder();
                values.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(encode(name)).append('=')
                        .append(encode(value)));
                return send(HttpRequest.newBuilder(URI.create(unescape(form.group(2)))).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())), cookies);
            }
        }
        throw new IllegalStateException("no form " + formId + " on the page (" + page.statusCode() + "):\n" + page.body());
    }

    private HttpResponse<String> get(String pathOrUrl, Map<String, String> cookies) throws IOException, InterruptedException {
        URI uri = URI.create(pathOrUrl.startsWith("/") ? issuer + pathOrUrl : pathOrUrl);
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Accept-Language", "zh-CN,zh").GET(), cookies);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> cookies) throws IOException, InterruptedException {
        synchronized (cookies) {
            if (!cookies.isEmpty()) {
                request.header("Cookie", String.join("; ", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList()));
            }
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        synchronized (cookies) {
            // Every cookie of the kernel's, whatever its path: sending one where it is not needed changes nothing here.
            for (String header : response.headers().allValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                int equals = pair.indexOf('=');
                String name = pair.substring(0, equals).strip();
                String value = pair.substring(equals + 1).strip();
                if (value.isEmpty() || header.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
        }
        return response;
    }

    /** min, p50, p90, p99, max of milliseconds. */
    static String summary(double[] millis) {
        double[] sorted = Arrays.stream(millis).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return "no samples";
        }
        return String.format(java.util.Locale.ROOT, "min %.1f ms, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", sorted[0],
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), sorted[sorted.length - 1], sorted.length);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** What Mustache escapes in attribute values, back. */
    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&#x3D;", "=")
                .replace("&#x27;", "'").replace("&#x60;", "`").replace("&#x2F;", "/").replace("&amp;", "&");
    }
}
