package org.educloud.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.RequestContext;

/**
 * A vendor's upload form ({@code multipart/form-data}): its text fields, and the package file
 * spooled to a temporary file (never held in memory), read with Commons FileUpload's streaming API.
 */
final class UploadForm implements AutoCloseable {

    /** The largest package accepted here; the app center checks its own limit again. */
    static final long MAX_FILE_BYTES = 256L * 1024 * 1024;
    /** A text field is at most this long (a description); the rest is left unread. */
    private static final int MAX_FIELD_BYTES = 16 * 1024;

    private final Map<String, String> fields;
    private final Optional<Path> file;
    private final Optional<String> fileName;

    private UploadForm(Map<String, String> fields, Optional<Path> file, Optional<String> fileName) {
        this.fields = Map.copyOf(fields);
        this.file = file;
        this.fileName = fileName;
    }

    /**
     * Reads the form; the file part named {@code fileField} goes to a temporary file that
     * {@link #close()} deletes.
     *
     * @throws IllegalArgumentException when the body is not a readable multipart form or the file is too large, saying so
     */
    static UploadForm read(InputStream body, String contentType, String fileField) throws IOException {
        FileUpload upload = new FileUpload();
        upload.setSizeMax(MAX_FILE_BYTES + 64 * 1024);
        upload.setHeaderEncoding(StandardCharsets.UTF_8.name());
        Map<String, String> fields = new HashMap<>();
        Path file = null;
        String fileName = null;
        try {
            FileItemIterator items = upload.getItemIterator(new Body(body, contentType));
            while (items.hasNext()) {
                FileItemStream item = items.next();
                try (InputStream in = item.openStream()) {
                    if (item.isFormField()) {
                        byte[] bytes = in.readNBytes(MAX_FIELD_BYTES);
                        fields.put(item.getFieldName(), new String(bytes, StandardCharsets.UTF_8));
                    } else if (item.getFieldName().equals(fileField) && file == null && item.getName() != null && !item.getName().isBlank()) {
                        file = Files.createTempFile("console-upload-", ".kar");
                        fileName = item.getName();
                        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (FileUploadException e) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            throw new IllegalArgumentException("the upload could not be read: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
        return new UploadForm(fields, Optional.ofNullable(file), Optional.ofNullable(fileName));
    }

    /** A text field, stripped; empty when absent. */
    String field(String name) {
        return fields.getOrDefault(name, "").strip();
    }

    Optional<Path> file() {
        return file;
    }

    Optional<String> fileName() {
        return fileName;
    }

    @Override
    public void close() throws IOException {
        if (file.isPresent()) {
            Files.deleteIfExists(file.get());
        }
    }

    /** The request body as FileUpload reads it. */
    private record Body(InputStream in, String contentType) implements RequestContext {

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        @Deprecated
        public int getContentLength() {
            return -1;
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }
    }
}
