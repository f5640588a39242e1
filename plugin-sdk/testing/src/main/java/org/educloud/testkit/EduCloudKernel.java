package org.educloud.testkit;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * The Pax Exam configuration that boots the real EduCloud kernel distribution for a test: the
 * tar.gz named by the system property {@value #DISTRIBUTION} (a vendor's build sets it from the
 * kit's dependency on the kernel; see the archetype's pom), on the ports of {@link KernelAddress},
 * against the MariaDB server on 127.0.0.1:3306 when one answers (root, empty password; its
 * database {@link KernelAddress#TEST_DATABASE} is made anew) and else the embedded MariaDB, whose
 * binaries the system property {@value #MARIADB_BINARIES} names. The kit's own bundle is installed
 * too, so a test method can {@code @Inject} the {@link TestKit}.
 *
 * <pre>{@code
 * @Configuration
 * public Option[] config() {
 *     return EduCloudKernel.withAppUnderTest();
 * }
 * }</pre>
 *
 * Used outside the kernel only, where Pax Exam configures its container.
 */
public final class EduCloudKernel {

    /** The system property naming the kernel distribution (tar.gz) to boot. */
    public static final String DISTRIBUTION = "educloud.distribution";
    /** The system property naming the app package (.kar) under test, for {@link #withAppUnderTest()}. */
    public static final String APP_UNDER_TEST = "educloud.testkit.app";
    /** The system property naming a folder of MariaDB server binaries, for machines without a server on 3306. */
    public static final String MARIADB_BINARIES = "educloud.mariadb.binaries";
    private static final String SERVER_URL = "jdbc:mariadb://127.0.0.1:3306/";
    private static final String KARAF_VERSION = System.getProperty("educloud.karaf.version", "4.4.10");

    private EduCloudKernel() {
    }

    /** The kernel with the app package named by the system property {@value #APP_UNDER_TEST} (the build's .kar). */
    public static Option[] withAppUnderTest() {
        String app = System.getProperty(APP_UNDER_TEST);
        if (app == null || app.isBlank()) {
            throw new IllegalStateException("System property " + APP_UNDER_TEST + " is not set: name the app package "
                    + "(.kar) under test in the failsafe plugin's systemPropertyVariables, as the archetype's pom does");
        }
        return withApp(Path.of(app));
    }

    /** The kernel with {@code appPackage}, which {@link TestKit} checks, stores and installs for its school. */
    public static Option[] withApp(Path appPackage) {
        if (!Files.isRegularFile(appPackage)) {
            throw new IllegalStateException("The app package " + appPackage.toAbsolutePath() + " does not exist: build it first "
                    + "(mvn verify runs the integration tests after package)");
        }
        return OptionUtils.combine(options(), systemProperty(APP_UNDER_TEST).value(appPackage.toAbsolutePath().toString()));
    }

    /** The kernel alone (and the kit's bundle). */
    public static Option[] options() {
        String distribution = requiredPath(DISTRIBUTION);
        boolean serverDatabase = freshServerDatabase();
        Option[] kernel = OptionUtils.combine(java17ModuleOptions(),
            karafDistributionConfiguration()
                    .frameworkUrl(new File(distribution).toURI().toString())
                    .name("EduCloud kernel")
                    // the Karaf inside the distribution, which Pax Exam cannot tell from a file URL
                    .karafVersion(KARAF_VERSION)
                    .unpackDirectory(new File(System.getProperty("educloud.exam.folder", "target/exam")))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.INFO),
            keepRuntimeFolder(),
            // The Aries JAX-RS whiteboard jar carries a zip64 extra field that Java 17's strict check rejects.
            vmOption("-Djdk.util.zip.disableZip64ExtraFieldValidation=true"),
            systemProperty(KernelAddress.PORT_OFFSET_PROPERTY).value(String.valueOf(KernelAddress.PORT_OFFSET)),
            // The kernel's services come up a while after Pax Exam starts the test: wait for them as long as a boot takes.
            systemProperty("pax.exam.service.timeout").value("120000"),
            systemProperty("educloud.itest.database").value(serverDatabase ? "server" : "embedded"),
            bundle(ownLocation()).startLevel(80),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(KernelAddress.HTTP_PORT)),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(KernelAddress.SSH_PORT)),
            editConfigurationFilePut("etc/org.educloud.identity.cfg", "issuer", KernelAddress.ISSUER));
        return OptionUtils.combine(kernel, serverDatabase ? serverDatabase() : embeddedDatabase());
    }

    private static Option[] serverDatabase() {
        return new Option[] {
            editConfigurationFilePut("etc/org.educloud.persistence.cfg", "url", SERVER_URL + KernelAddress.TEST_DATABASE),
            editConfigurationFilePut("etc/org.educloud.persistence.cfg", "user", "root"),
            editConfigurationFilePut("etc/org.educloud.persistence.cfg", "password", "")};
    }

    private static Option[] embeddedDatabase() {
        return new Option[] {
            editConfigurationFilePut("etc/org.educloud.persistence.embedded.cfg", "binaries", embeddedBinaries()),
            editConfigurationFilePut("etc/org.educloud.persistence.embedded.cfg", "port", String.valueOf(3317 + KernelAddress.PORT_OFFSET))};
    }

    /** The kit's own jar, installed into the kernel so tests find {@link TestKit} there. */
    private static String ownLocation() {
        try {
            File location = new File(EduCloudKernel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!location.isFile()) {
                throw new IllegalStateException("The test kit is on the classpath as " + location + ", not as its jar: run the "
                        + "tests through Maven (mvn verify), which puts the kit's jar there");
            }
            return location.toURI().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot tell where the test kit's classes are", e);
        }
    }

    /**
     * The module options bin/karaf passes on Java 9 and later; Pax Exam launches the JVM itself and
     * leaves them out, and without them the specs locator (JAXB, XML factories) is missing.
     */
    private static Option[] java17ModuleOptions() {
        String[] arguments = {
            "--add-reads=java.xml=java.logging",
            "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
            "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + KARAF_VERSION + ".jar",
            "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + KARAF_VERSION + ".jar",
            "--add-opens", "java.base/java.security=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
            "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
            "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
        };
        Option[] options = new Option[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            options[i] = vmOption(arguments[i]);
        }
        return options;
    }

    /**
     * Drops and creates the test database on the local server; false when no server answers or
     * when {@code -Deducloud.itest.embedded=true} asks for the embedded database.
     */
    private static boolean freshServerDatabase() {
        if (Boolean.getBoolean("educloud.itest.embedded")) {
            return false;
        }
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", 3306), 2000);
        } catch (java.io.IOException e) {
            return false;
        }
        try (Connection connection = DriverManager.getConnection(SERVER_URL, "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + KernelAddress.TEST_DATABASE);
            statement.execute("CREATE DATABASE " + KernelAddress.TEST_DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB answers on 127.0.0.1:3306 but the tests cannot use it as root "
                    + "with an empty password: " + e.getMessage(), e);
        }
    }

    private static String embeddedBinaries() {
        String path = System.getProperty(MARIADB_BINARIES);
        if (path == null || !new File(path).isDirectory()) {
            throw new IllegalStateException("No MariaDB server answers on 127.0.0.1:3306 (root, empty password), and system "
                    + "property " + MARIADB_BINARIES + " names no folder of MariaDB binaries (got " + path + "): start a server, "
                    + "or point it at the mariadb/ folder of a built kernel (kernel/distribution/target/assembly/mariadb)");
        }
        return new File(path).getAbsolutePath();
    }

    private static String requiredPath(String property) {
        String path = System.getProperty(property);
        if (path == null || !new File(path).exists()) {
            throw new IllegalStateException("System property " + property + " must name an existing path (got " + path
                    + "); run the tests through Maven: mvn verify");
        }
        return new File(path).getAbsolutePath();
    }
}
