package org.educloud.sdk.runtime.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;

import org.educloud.sdk.app.AppDescriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterAsyncSupported;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Holds a request to an app's API that arrives while the JAX-RS whiteboard rebuilds the app's
 * application, and runs it again once the application serves, so that an upgrade keeps the app
 * answering every request.
 *
 * <p>Why: whenever a resource or extension joins or leaves an application (in an upgrade the new
 * version's resources join, then the old version's leave), Aries destroys the application's CXF
 * server before it builds the new one, and CXF answers 404 "No service was found" meanwhile, some
 * milliseconds. Such a request never reached the app (no resource ran, nothing read its body), so
 * running it again is safe; the same holds when CXF fails on a server that the rebuild took away
 * under the request. A request that reached the application carries {@link AppRequestMark}'s
 * mark; whatever it answers, 404 included, goes out unchanged. A request that finds no server for
 * longer than {@link #PATIENCE} (an app without resources, one whose components never came up) gets
 * CXF's 404 after all.
 *
 * <p>Registered on the servlet contexts Aries makes for the apps' applications, which carry the
 * application's service properties, {@link AppDescriptor#APPLICATION_PROPERTY} among them.
 */
@Component(service = Filter.class)
@HttpWhiteboardContextSelect("(" + AppDescriptor.APPLICATION_PROPERTY + "=*)")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterAsyncSupported
public final class AppRebuildHold implements Filter {

    /** Far above a rebuild (tens of milliseconds, some hundreds on a loaded machine). */
    static final Duration PATIENCE = Duration.ofSeconds(2);
    /**
     * Requests held at once, at most, over all apps: a hold comes before the token check, so without a
     * bound anyone could tie up the server's threads with requests to an app that has no server (one
     * without REST resources, or whose components never came up). Beyond it, a request is answered as
     * it is, at once.
     */
    static final int HELD_AT_MOST = 16;
    private static final long PAUSE_MILLIS = 20;

    private final Duration patience;
    private final Semaphore holds;

    public AppRebuildHold() {
        this(PATIENCE, HELD_AT_MOST);
    }

    AppRebuildHold(Duration patience, int heldAtMost) {
        this.patience = patience;
        this.holds = new Semaphore(heldAtMost);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!(response instanceof HttpServletResponse http)) {
            chain.doFilter(request, response);
            return;
        }
        if (served(request, http, chain)) {
            return;
        }
        if (holds.tryAcquire()) {
            try {
                hold(request, http, chain);
                return;
            } catch (TimeoutException outOfPatience) {
                // answered as it is, below
            } finally {
                holds.release();
            }
        }
        chain.doFilter(request, response); // too many held, or out of patience: the answer goes out as it is
    }

    /** Runs the request again until it is served; throws when patience runs out first. */
    private void hold(ServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException, TimeoutException {
        long end = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (served(request, response, chain)) {
                return;
            }
        }
        throw new TimeoutException();
    }

    /** Runs the request once; false when it did not reach the app's application and may run again. */
    private static boolean served(ServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        UnservedAnswer attempt = new UnservedAnswer(request, response);
        try {
            chain.doFilter(request, attempt);
        } catch (RuntimeException | ServletException e) {
            // CXF can find the destination and then lose its server to the rebuild before calling it
            // (a NullPointerException on its message observer): the app was not reached either.
            if (AppRequestMark.reached(request) || response.isCommitted()) {
                throw e;
            }
            return false;
        }
        return !attempt.unserved();
    }
}
