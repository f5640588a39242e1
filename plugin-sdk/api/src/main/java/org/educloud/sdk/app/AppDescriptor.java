package org.educloud.sdk.app;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An app's descriptor: who the app is, as its package declares it in
 * {@value #PATH} (JSON, the same member names as this record's components, with
 * {@code name} an object of {@code zh-CN} and {@code en}):
 *
 * <pre>{@code
 * {
 *   "id": "hello-school",
 *   "version": "1.0.0",
 *   "sdk": "[1.0,2)",
 *   "name": {"zh-CN": "你好学校", "en": "Hello School"},
 *   "vendor": "EduCloud samples",
 *   "scopes": ["profile"],
 *   "bundles": ["org.educloud.sample.hello-school"],
 *   "roles": ["teacher", "school-admin"],
 *   "icon": "META-INF/icon.png",
 *   "screenshots": ["META-INF/screenshots/board.png"]
 * }
 * }</pre>
 *
 * <p>An app package is a Karaf archive ({@code .kar}) holding this descriptor, a features
 * repository with exactly one feature named like the app's id at the app's version, and that
 * feature's bundles. Each of those bundles names the app in its {@value #APP_HEADER} manifest
 * header and imports only {@code org.educloud.sdk.*} and the libraries the kernel allows.
 *
 * @param id      the app's id: lower-case letters, digits and {@code -}, 3 to 40 characters,
 *                starting with a letter; also the path segment of its REST API ({@link #apiPath(String)})
 * @param version the app's version, {@code major.minor.micro}; each upload must be higher than the last
 * @param sdk     the SDK versions the app works with, an OSGi version range such as {@code [1.0,2)}
 * @param nameZh  the app's name in Chinese (zh-CN), shown first
 * @param nameEn  the app's name in English
 * @param vendor  who makes it
 * @param scopes  the OAuth scopes the app asks schools to grant; may be empty
 * @param bundles the symbolic names of the app's bundles, exactly those in its feature
 * @param roles   the roles whose holders see the app in the portal and may launch it, e.g.
 *                {@code teacher}; empty for everyone at an org that installed it
 * @param icon    the path in the package of the app's icon (PNG, JPEG, SVG or WebP, square, at most
 *                the app center's image size limit); null when it has none
 * @param screenshots the paths in the package of screenshots for the catalog, at most five
 */
public record AppDescriptor(String id, String version, String sdk, String nameZh, String nameEn, String vendor,
        List<String> scopes, List<String> bundles, List<String> roles, String icon, List<String> screenshots) {

    /** Where an app package holds its descriptor. */
    public static final String PATH = "META-INF/educloud-app.json";

    /** The manifest header each of an app's bundles carries, naming the app's id. */
    public static final String APP_HEADER = "EduCloud-App";

    /** The manifest header naming a bundle's Liquibase changelog: the kernel applies it before the bundle starts. */
    public static final String CHANGELOG_HEADER = "EduCloud-Changelog";

    /**
     * The filter of the kernel's DataSource service, for an app's own tables (those its changelog
     * creates; prefix their names with something of the app's id).
     */
    public static final String DATA_SOURCE_FILTER = "(dataSourceName=educloud)";

    /**
     * The kernel's bearer-token check as a JAX-RS extension filter: name it in a resource's
     * {@code osgi.jaxrs.extension.select} so the resource is never served without it (if the
     * check were ever absent, the resource would wait rather than answer unprotected).
     */
    public static final String TOKEN_CHECK = "(osgi.jaxrs.name=educloud.bearer-token)";

    /**
     * The service property naming the app on the JAX-RS application the kernel runs for each app
     * (its base is {@link #apiPath(String)}, {@code /apps/{appId}/api}). An app's resources and
     * extensions select it, and declare their paths relative to that base:
     *
     * <pre>{@code
     * @Component(service = GreetingResource.class)
     * @JaxrsResource
     * @JaxrsApplicationSelect("(educloud.app=hello-school)")   // served under /apps/hello-school/api
     * @JaxrsExtensionSelect({"(osgi.jaxrs.media.type=application/json)", AppDescriptor.TOKEN_CHECK})
     * @Path("/greeting")                                        // GET /apps/hello-school/api/greeting
     * public class GreetingResource { ... }
     * }</pre>
     *
     * <p>Each app has its own application so that installing, upgrading or removing one app never
     * interrupts another app's API or the kernel's: the whiteboard rebuilds only the application
     * whose resources changed. The kernel registers the application while any of the app's bundles is
     * active; it requires the kernel's bearer-token check, so nothing of an app is served without a
     * token. The app center refuses a package whose components register JAX-RS resources or
     * extensions that do not select their own app's application.
     *
     * @since 1.2
     */
    public static final String APPLICATION_PROPERTY = "educloud.app";

    /**
     * The {@code osgi.jaxrs.application.select} filter of an app's resources and extensions:
     * {@code (educloud.app=<appId>)}. Annotations need a constant, so resources spell it out; this
     * is the same filter for code that registers services itself.
     *
     * @param appId the app's id
     * @return the filter selecting the app's own JAX-RS application
     * @since 1.2
     */
    public static String applicationSelect(String appId) {
        return "(" + APPLICATION_PROPERTY + "=" + appId + ")";
    }

    /** What an app id looks like. */
    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{2,39}");

    public AppDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        bundles = bundles == null ? List.of() : List.copyOf(bundles);
        roles = roles == null ? List.of() : List.copyOf(roles);
        screenshots = screenshots == null ? List.of() : List.copyOf(screenshots);
    }

    /** A descriptor of an app every role may launch, without icon or screenshots (SDK 1.0's shape). */
    public AppDescriptor(String id, String version, String sdk, String nameZh, String nameEn, String vendor, List<String> scopes,
            List<String> bundles) {
        this(id, version, sdk, nameZh, nameEn, vendor, scopes, bundles, List.of(), null, List.of());
    }

    /** True when a holder of {@code role} may launch the app: it names no roles, or names this one. */
    public boolean launchableBy(String role) {
        return roles.isEmpty() || roles.contains(role);
    }

    /**
     * The path under which an app's JAX-RS resources answer, {@code /apps/{appId}/api}: the base of
     * the app's own JAX-RS application ({@link #APPLICATION_PROPERTY}).
     */
    public static String apiPath(String appId) {
        return "/apps/" + appId + "/api";
    }

    /** This app's API path, {@link #apiPath(String)}. */
    public String apiPath() {
        return apiPath(id);
    }
}
