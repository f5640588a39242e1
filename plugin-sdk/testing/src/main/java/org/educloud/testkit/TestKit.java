package org.educloud.testkit;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Optional;

import org.educloud.sdk.app.AppDescriptor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What an integration test of an EduCloud app needs inside the booted kernel: a seeded school and
 * another school, a teacher and a student at the first and a teacher at the other, real access
 * tokens from the kernel's login, and the app under test (given with
 * {@link EduCloudKernel#withApp}) checked by the app center, stored and installed for the school
 * and live. A service of the kit's bundle; a Pax Exam test injects it:
 *
 * <pre>{@code
 * @Inject
 * private TestKit kit;
 *
 * @Test
 * public void greetsTheTeacher() throws Exception {
 *     HttpResponse<String> hello = kit.get("/apps/my-app/api/hello", kit.teacher());
 *     assertEquals(200, hello.statusCode());
 *     assertEquals(403, kit.get("/apps/my-app/api/hello", kit.outsider()).statusCode());
 * }
 * }</pre>
 *
 * The first call that needs the kernel seeds and installs (once per kernel); every such call fails with the kernel's reason
 * when that cannot be done, e.g. the app center's checks refusing the package.
 */
@ProviderType
public interface TestKit {

    /** 示例区第一小学, where the app under test is installed. */
    School school();

    /** 示例区第二小学, in the same district; the app under test is not installed there. */
    School otherSchool();

    /** A teacher at {@link #school()}. */
    TestUser teacher();

    /** A student at {@link #school()}. */
    TestUser student();

    /** A teacher at {@link #otherSchool()}: the kernel refuses them the app's API (403). */
    TestUser outsider();

    /**
     * An account with one role, made on the first call for this username (later calls return it
     * as it is).
     *
     * @param grant the role and the org path, e.g. {@code school-admin@/99/9901/990101/9901010001}
     */
    TestUser user(String username, String grant);

    /**
     * An access token of the user, through the kernel's own login (authorization code with PKCE),
     * valid for at least another minute. Its scopes: {@code openid}, {@code appcenter} and those the
     * app under test asks for.
     */
    String tokenFor(TestUser user);

    /** The app under test, installed for {@link #school()} and live; empty when the test gave none. */
    Optional<AppDescriptor> app();

    /** GETs a path of the kernel (e.g. {@code /apps/my-app/}) without a token. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException;

    /** GETs a path of the kernel as the user (with their bearer token). */
    HttpResponse<String> get(String path, TestUser as) throws IOException, InterruptedException;

    /** Sends {@code method} to a path of the kernel as the user, with a JSON body unless it is {@code null}. */
    HttpResponse<String> send(String method, String path, TestUser as, String json) throws IOException, InterruptedException;
}
