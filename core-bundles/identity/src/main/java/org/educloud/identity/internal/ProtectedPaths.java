package org.educloud.identity.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Which request paths need an access token: the kernel's APIs under {@code /api/} and each app's
 * under {@code /apps/{appId}/api/}. The OpenID Connect endpoints ({@code /oauth2/*},
 * {@code /.well-known/*}) and app web pages are outside. The path is judged the way JAX-RS matches
 * it (decoded segments, matrix parameters and empty or dot segments dropped), so {@code //api},
 * {@code /api;x=1/...} or {@code /oauth2/../api/...} cannot slip past.
 */
final class ProtectedPaths {

    private ProtectedPaths() {
    }

    /** @param decodedPath the request path, percent-decoded, e.g. {@code /api/identity/v1/accounts} */
    static boolean needsToken(String decodedPath) {
        List<String> segments = segments(decodedPath == null ? "" : decodedPath);
        if (!segments.isEmpty() && segments.get(0).equals("api")) {
            return true;
        }
        return segments.size() >= 3 && segments.get(0).equals("apps") && segments.get(2).equals("api");
    }

    private static List<String> segments(String path) {
        Deque<String> kept = new ArrayDeque<>();
        for (String raw : path.split("/")) {
            int matrix = raw.indexOf(';');
            String segment = matrix >= 0 ? raw.substring(0, matrix) : raw;
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(segment);
            }
        }
        return List.copyOf(kept);
    }
}
