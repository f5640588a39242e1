package org.educloud.basedata.internal.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files of an upload: the entries of a zip (OneRoster's bulk format, or the platform's files
 * zipped), or a single CSV named after what it holds ({@code users.csv}, {@code people.csv}).
 * A zip is read in place, one entry at a time in the order the import needs, never unpacked.
 */
public final class ImportSource implements AutoCloseable {

    private final Path file;
    private final String name;
    private final ZipFile zip;
    private final long total;
    private final java.util.concurrent.atomic.AtomicLong consumed = new java.util.concurrent.atomic.AtomicLong();

    private ImportSource(Path file, String name, ZipFile zip) throws IOException {
        this.file = file;
        this.name = name;
        this.zip = zip;
        this.total = zip == null ? Files.size(file)
                : zip.stream().filter(e -> !e.isDirectory()).mapToLong(e -> Math.max(0, e.getSize())).sum();
    }

    /** How far the import has read, 0-100, by uncompressed bytes (a zip's manifest and unread files count as not read). */
    public int percent() {
        return total == 0 ? 100 : (int) Math.min(100, consumed.get() * 100 / total);
    }

    /** Counts what is read, for {@link #percent()}. */
    private InputStream counted(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    consumed.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    consumed.addAndGet(n);
                }
                return n;
            }
        };
    }

    /**
     * @param file the upload
     * @param name its original file name, e.g. {@code oneroster.zip} or {@code users.csv} (the file's own name when null)
     */
    public static ImportSource open(Path file, String name) throws IOException {
        String given = name == null || name.isBlank() ? file.getFileName().toString() : Path.of(name).getFileName().toString();
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int read = in.readNBytes(magic, 0, 4);
            if (read == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
                return new ImportSource(file, given, new ZipFile(file.toFile()));
            }
        }
        return new ImportSource(file, given, null);
    }

    /** The file called {@code fileName} (case-insensitive; in a zip also inside one folder), if the upload has it. */
    public Optional<InputStream> open(String fileName) throws IOException {
        if (zip == null) {
            return name.equalsIgnoreCase(fileName) ? Optional.of(counted(Files.newInputStream(file))) : Optional.empty();
        }
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            String entryName = entry.getName().replace('\\', '/');
            String last = entryName.substring(entryName.lastIndexOf('/') + 1);
            if (!entry.isDirectory() && last.toLowerCase(Locale.ROOT).equals(fileName.toLowerCase(Locale.ROOT))
                    && !entryName.startsWith("__MACOSX/")) {
                return Optional.of(counted(zip.getInputStream(entry)));
            }
        }
        return Optional.empty();
    }

    /** True for a zip. */
    public boolean isZip() {
        return zip != null;
    }

    /** The upload's name. */
    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        if (zip != null) {
            zip.close();
        }
    }
}
