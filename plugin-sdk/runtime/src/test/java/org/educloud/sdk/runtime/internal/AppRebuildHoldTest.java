package org.educloud.sdk.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.FilterChain;
import javax.servlet.ServletRequest;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

class AppRebuildHoldTest {

    private final Map<String, Object> attributes = new HashMap<>();
    private final HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getAttribute" -> attributes.get((String) args[0]);
                case "setAttribute" -> attributes.put((String) args[0], args[1]);
                default -> null;
            });
    private final Answer answer = new Answer();

    @Test
    void aRequestThatFindsTheApplicationMidRebuildIsRunAgainUntilItIsServed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FilterChain chain = (req, res) -> {
            if (calls.incrementAndGet() <= 3) {
                noServer((HttpServletResponse) res);
            } else {
                served(req, (HttpServletResponse) res, 200, "{\"greeting\":\"你好\"}");
            }
        };
        new AppRebuildHold(Duration.ofSeconds(5), 4).doFilter(request, answer.response, chain);
        assertEquals(4, calls.get());
        assertEquals(200, answer.status);
        assertEquals("{\"greeting\":\"你好\"}", answer.body.toString());
        assertEquals("application/json", answer.contentType);
    }

    @Test
    void aRequestWhoseServerWentAwayBeforeItReachedTheAppIsRunAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FilterChain chain = (req, res) -> {
            if (calls.incrementAndGet() == 1) {
                throw new NullPointerException("Cannot invoke \"MessageObserver.onMessage(Message)\" because \"this.incomingObserver\" is null");
            }
            served(req, (HttpServletResponse) res, 200, "{}");
        };
        new AppRebuildHold(Duration.ofSeconds(5), 4).doFilter(request, answer.response, chain);
        assertEquals(2, calls.get());
        assertEquals(200, answer.status);
    }

    @Test
    void aFailureInsideTheAppIsNotRunAgain() {
        AtomicInteger calls = new AtomicInteger();
        FilterChain chain = (req, res) -> {
            calls.incrementAndGet();
            req.setAttribute(AppRequestMark.ATTRIBUTE, Boolean.TRUE);
            throw new IllegalStateException("the app's resource failed");
        };
        assertThrows(IllegalStateException.class, () -> new AppRebuildHold(Duration.ofSeconds(5), 4).doFilter(request, answer.response, chain));
        assertEquals(1, calls.get(), "what ran in the app is never run twice");
    }

    @Test
    void aNotFoundTheAppGivesGoesOutAtOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FilterChain chain = (req, res) -> {
            calls.incrementAndGet();
            served(req, (HttpServletResponse) res, 404, "{\"title\":\"no such notice\"}");
        };
        new AppRebuildHold(Duration.ofSeconds(5), 4).doFilter(request, answer.response, chain);
        assertEquals(1, calls.get());
        assertEquals(404, answer.status);
        assertEquals("{\"title\":\"no such notice\"}", answer.body.toString());
    }

    @Test
    void anApplicationThatNeverServesGetsTheNotFoundOnceOutOfPatience() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FilterChain chain = neverServed(calls);
        long start = System.nanoTime();
        new AppRebuildHold(Duration.ofMillis(200), 4).doFilter(request, answer.response, chain);
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos());
        assertTrue(calls.get() >= 2, "tried again meanwhile: " + calls.get());
        assertEquals(404, answer.status);
        assertEquals("<html><body>No service was found.</body></html>", answer.body.toString(), "written once, by the last try");
        assertEquals("text/html", answer.contentType);
    }

    @Test
    void beyondTheRequestsHeldAtOnceARequestIsAnsweredAsItIsAtOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FilterChain chain = neverServed(calls);
        long start = System.nanoTime();
        new AppRebuildHold(Duration.ofSeconds(5), 0).doFilter(request, answer.response, chain);
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos(), "not held");
        assertEquals(2, calls.get(), "one try, then straight through");
        assertEquals(404, answer.status);
        assertEquals("<html><body>No service was found.</body></html>", answer.body.toString());
    }

    /** A chain whose application never has a server, counting the tries. */
    private static FilterChain neverServed(AtomicInteger calls) {
        return (req, res) -> {
            calls.incrementAndGet();
            noServer((HttpServletResponse) res);
        };
    }

    /** What CXF's servlet answers when its application has no server. */
    private static void noServer(HttpServletResponse response) throws java.io.IOException {
        response.setStatus(404);
        response.setContentType("text/html");
        response.getWriter().write("<html><body>No service was found.</body></html>");
    }

    /** What the app's application answers: the request is marked before any resource runs. */
    private static void served(ServletRequest request, HttpServletResponse response, int status, String body)
            throws java.io.IOException {
        request.setAttribute(AppRequestMark.ATTRIBUTE, Boolean.TRUE);
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(body);
    }

    /** The real response: what reaches the client. */
    private static final class Answer {
        int status = 200;
        String contentType;
        final StringWriter body = new StringWriter();
        final HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setStatus" -> {
                        status = (Integer) args[0];
                        yield null;
                    }
                    case "setContentType" -> {
                        contentType = (String) args[0];
                        yield null;
                    }
                    case "getWriter" -> new PrintWriter(body, true);
                    case "isCommitted" -> false;
                    default -> null;
                });
    }
}
