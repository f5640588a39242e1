package org.educloud.persistence.embedded.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The unpacked MariaDB binaries: jar entries carry no execute bit, so it is set here. */
final class MariaDbBinaries {

    private MariaDbBinaries() {
    }

    static void makeExecutable(Path binaries) throws IOException {
        for (String folder : new String[] {"bin", "scripts"}) {
            Path dir = binaries.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(file) && !Files.isExecutable(file)) {
                        file.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }
}
