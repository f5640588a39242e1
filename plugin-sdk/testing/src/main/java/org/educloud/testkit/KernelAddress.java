package org.educloud.testkit;

/**
 * Where the kernel under test answers. Its ports are 8281 (HTTP) and 8201 (SSH), away from a kernel
 * running on the usual 8181 and 8101, shifted by the system property {@code educloud.itest.portOffset}
 * so that two suites can run on one machine at once (the offset also names another test database).
 * The same values hold outside the kernel, where the test configures it, and inside, where it runs.
 */
public final class KernelAddress {

    /** The system property that shifts every port and names the test database. */
    public static final String PORT_OFFSET_PROPERTY = "educloud.itest.portOffset";
    public static final int PORT_OFFSET = Integer.getInteger(PORT_OFFSET_PROPERTY, 0);
    public static final int HTTP_PORT = 8281 + PORT_OFFSET;
    public static final int SSH_PORT = 8201 + PORT_OFFSET;
    /** The database the kernel under test uses on the MariaDB server on 127.0.0.1:3306; dropped and made anew at each boot. */
    public static final String TEST_DATABASE = "educloud_itest" + (PORT_OFFSET == 0 ? "" : String.valueOf(PORT_OFFSET));
    /** The kernel's OpenID Connect issuer, and the base of every URL a browser would use. */
    public static final String ISSUER = "http://localhost:" + HTTP_PORT;

    private KernelAddress() {
    }
}
