package org.educloud.kernel.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * How the integration tests boot the real EduCloud distribution: the tar.gz the build just made,
 * on ports of its own (so a kernel already running on this machine is not in the way), against
 * the MariaDB server on 127.0.0.1:3306 when one answers (CI) and the embedded default otherwise.
 */
final class KernelUnderTest {

    /** Shifts every port (and names another database) so two suites can run on one machine at once. */
    static final int PORT_OFFSET = Integer.getInteger("educloud.itest.portOffset", 0);
    static final int HTTP_PORT = 8281 + PORT_OFFSET;
    static final int SSH_PORT = 8201 + PORT_OFFSET;
    static final String TEST_DATABASE = "educloud_itest" + (PORT_OFFSET == 0 ? "" : String.valueOf(PORT_OFFSET));
    static final String ISSUER = "http://localhost:" + HTTP_PORT;
    private static final String SERVER_URL = "jdbc:mariadb://127.0.0.1:3306/";
    /** The folder of the openid-client script (OidcClientLibraryIT), passed on because tests run inside the kernel. */
    static final String OIDC_CLIENT_FOLDER = "educloud.itest.oidcClient";
    /** The classpath of the Selenium browser session (PortalBrowserIT), passed on for the same reason. */
    static final String BROWSER_CLASSPATH = "educloud.itest.browserClasspath";

    private KernelUnderTest() {
    }

    static Option[] options() {
        String distribution = requiredPath("educloud.distribution");
        boolean serverDatabase = freshServerDatabase();
        return OptionUtils.combine(java17ModuleOptions(System.getProperty("educloud.karaf.version", "4.4.10")),
            karafDistributionConfiguration()
                    .frameworkUrl(new File(distribution).toURI().toString())
                    .name("EduCloud kernel")
                    // the Karaf inside the distribution, which Pax Exam cannot tell from a file URL
                    .karafVersion(System.getProperty("educloud.karaf.version", "4.4.10"))
                    .unpackDirectory(new File(System.getProperty("educloud.exam.folder", "target/exam")))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.INFO),
            keepRuntimeFolder(),
            // The Aries JAX-RS whiteboard jar carries a zip64 extra field that Java 17's strict check rejects.
            vmOption("-Djdk.util.zip.disableZip64ExtraFieldValidation=true"),
            systemProperty("educloud.itest.portOffset").value(String.valueOf(PORT_OFFSET)),
            systemProperty("educloud.itest.database").value(serverDatabase ? "server" : "embedded"),
            // The sample app's packages for HotDeployIT; here because the suite's first test class configures the one container.
            systemProperty("educloud.sample.helloSchool.1").value(System.getProperty("educloud.sample.helloSchool.1", "")),
            systemProperty("educloud.sample.helloSchool.2").value(System.getProperty("educloud.sample.helloSchool.2", "")),
            systemProperty("educloud.sample.notices").value(System.getProperty("educloud.sample.notices", "")),
            systemProperty(BROWSER_CLASSPATH).value(System.getProperty(BROWSER_CLASSPATH, "")),
            systemProperty(OIDC_CLIENT_FOLDER).value(new File(System.getProperty(OIDC_CLIENT_FOLDER, "src/test/oidc-client"))
                    .getAbsolutePath()),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(HTTP_PORT)),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(SSH_PORT)),
            editConfigurationFilePut("etc/org.educloud.identity.cfg", "issuer", ISSUER),
            when(serverDatabase).useOptions(
                    editConfigurationFilePut("etc/org.educloud.persistence.cfg", "url", SERVER_URL + TEST_DATABASE),
                    editConfigurationFilePut("etc/org.educloud.persistence.cfg", "user", "root"),
                    editConfigurationFilePut("etc/org.educloud.persistence.cfg", "password", "")),
            when(!serverDatabase).useOptions(
                    editConfigurationFilePut("etc/org.educloud.persistence.embedded.cfg", "binaries",
                            requiredPath("educloud.mariadb.binaries")),
                    editConfigurationFilePut("etc/org.educloud.persistence.embedded.cfg", "port", String.valueOf(3317 + PORT_OFFSET))));
    }

    /**
     * The module options bin/karaf passes on Java 9 and later; Pax Exam launches the JVM itself and
     * leaves them out, and without them the specs locator (JAXB, XML factories) is missing.
     */
    private static Option[] java17ModuleOptions(String karafVersion) {
        String[] arguments = {
            "--add-reads=java.xml=java.logging",
            "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
            "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
            "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
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
     * when {@code -Deducloud.itest.embedded=true} asks for the embedded default.
     */
    private static boolean freshServerDatabase() {
        if (Boolean.getBoolean("educloud.itest.embedded")) {
            return false;
        }
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", 3306), 500);
        } catch (java.io.IOException e) {
            return false;
        }
        try (Connection connection = DriverManager.getConnection(SERVER_URL, "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + TEST_DATABASE);
            statement.execute("CREATE DATABASE " + TEST_DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB answers on 127.0.0.1:3306 but the tests cannot use it as root "
                    + "with an empty password: " + e.getMessage(), e);
        }
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
