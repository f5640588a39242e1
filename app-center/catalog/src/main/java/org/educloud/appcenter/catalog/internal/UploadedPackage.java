package org.educloud.appcenter.catalog.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.educloud.platform.rest.Problem;
import org.educloud.platform.rest.ProblemException;

/**
 * An uploaded app package written to a temporary file: the raw body ({@code application/zip} or
 * {@code application/octet-stream}) or the {@code package} part (or the first part with a file
 * name) of a {@code multipart/form-data} body. Bodies over {@value #MAX_BYTES} bytes are refused
 * before they fill the disk; the package checks apply the configured, smaller limit.
 */
final class UploadedPackage {

    static final long MAX_BYTES = 256L * 1024 * 1024;
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    private UploadedPackage() {
    }

    /** Writes the package in {@code body} to a new temporary file; the caller deletes it. */
    static Path write(InputStream body, String contentType) throws IOException {
        if (body == null) {
            throw invalid("send the app package (.kar) as the request body (Content-Type: application/zip) or as the part "
                    + "\"package\" of a multipart/form-data body");
        }
        Path file = Files.createTempFile("appcenter-upload-", ".kar");
        try {
            String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
            if (type.startsWith("multipart/form-data")) {
                Matcher boundary = BOUNDARY.matcher(contentType);
                if (!boundary.find()) {
                    throw invalid("the multipart/form-data Content-Type has no boundary parameter; let the HTTP client set it");
                }
                Files.write(file, packagePart(readAll(body, MAX_BYTES), boundary.group(1)));
            } else {
                try (OutputStream out = Files.newOutputStream(file)) {
                    copy(body, out, MAX_BYTES);
                }
            }
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static byte[] packagePart(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] fallback = null;
        int start = indexOf(body, delimiter, 0);
        while (start >= 0) {
            int headersStart = start + delimiter.length + 2; // CRLF after the delimiter
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0 || next < 0 || headersEnd > next) {
                break;
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, next);
            if (headers.contains("name=\"package\"")) {
                return content;
            }
            if (fallback == null && headers.contains("filename=")) {
                fallback = content;
            }
            start = next + 2;
        }
        if (fallback == null) {
            throw invalid("the multipart body has no part named \"package\" (nor any file); send the .kar as the part \"package\"");
        }
        return fallback;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] readAll(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy(in, out, limit);
        return out.toByteArray();
    }

    private static void copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[65536];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0;) {
            total += n;
            if (total > limit) {
                throw new ProblemException(Problem.of(413, "package-too-large", "Package too large", "the upload is larger than "
                        + limit + " bytes; an app package must be far smaller (see maxPackageBytes of the package checks)"));
            }
            out.write(buffer, 0, n);
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.invalidInput("package", detail));
    }
}
