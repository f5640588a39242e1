package org.educloud.sdk.runtime.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;

import javax.servlet.ServletOutputStream;
import javax.servlet.ServletRequest;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

/**
 * A response that swallows a 404 given before the request reached the app's application (no
 * {@link AppRequestMark}): from that status on, whatever is set or written goes to a response that
 * drops it, so the request can be run again on the real one. Every other answer passes straight
 * through.
 */
final class UnservedAnswer extends HttpServletResponseWrapper {

    private final ServletRequest request;
    private boolean unserved;

    UnservedAnswer(ServletRequest request, HttpServletResponse response) {
        super(response);
        this.request = request;
    }

    /** True when the application had no server for the request and the answer was swallowed. */
    boolean unserved() {
        return unserved;
    }

    private boolean swallows(int status) {
        if (!unserved && status == SC_NOT_FOUND && !AppRequestMark.reached(request) && !isCommitted()) {
            unserved = true;
            setResponse(dropping());
        }
        return unserved;
    }

    @Override
    public void setStatus(int status) {
        if (!swallows(status)) {
            super.setStatus(status);
        }
    }

    @Override
    public void sendError(int status) throws IOException {
        if (!swallows(status)) {
            super.sendError(status);
        }
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        if (!swallows(status)) {
            super.sendError(status, message);
        }
    }

    /** A response that drops every header, status and byte given to it. */
    private static HttpServletResponse dropping() {
        PrintWriter writer = new PrintWriter(Writer.nullWriter());
        ServletOutputStream stream = new Dropped();
        return (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getWriter" -> writer;
                    case "getOutputStream" -> stream;
                    default -> method.getReturnType() == boolean.class ? Boolean.FALSE
                            : method.getReturnType() == int.class ? Integer.valueOf(0) : null;
                });
    }

    /** Where a swallowed answer's body goes. */
    private static final class Dropped extends ServletOutputStream {

        @Override
        public void write(int b) {
            // dropped with the answer
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            // nothing is ever written out, so nothing waits to be
        }
    }
}
