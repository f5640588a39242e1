package org.educloud.sdk.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewClient;
import org.educloud.platform.rest.Problem;
import org.educloud.platform.rest.ProblemException;
import org.educloud.platform.rest.PublicEndpoint;
import org.educloud.sdk.app.AppDescriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * An app's web pages, {@code /apps/{appId}/...}: the files of the folder its bundle names in the
 * {@value #WEB_HEADER} manifest header, and {@value #SDK_SCRIPT}, the script that signs the page's
 * user in through the kernel's single sign-on and calls the app's API with their token. The
 * pages themselves hold no data (that comes from the API, token required), so they are public.
 * The app's API ({@code /apps/{appId}/api/...}) is the app's own resources': JAX-RS picks the root
 * resource with the longest literal path, so theirs win over this one.
 */
@Component(service = AppPagesResource.class, configurationPid = "org.educloud.identity")
@JaxrsResource
@PublicEndpoint
@Path("/apps/{appId}")
public class AppPagesResource {

    /** The manifest header naming the bundle folder an app's pages are in, e.g. {@code EduCloud-Web: /web}. */
    public static final String WEB_HEADER = "EduCloud-Web";
    /** The SDK's browser script, served in every app's page folder. */
    public static final String SDK_SCRIPT = "educloud-sdk.js";

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=UTF-8", "js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8", "json", "application/json", "svg", "image/svg+xml", "png", "image/png",
            "jpg", "image/jpeg", "ico", "image/x-icon", "txt", "text/plain; charset=UTF-8");

    /** The identity bundle's setting this reads: the issuer, which is where the browser signs in. */
    @ObjectClassDefinition
    @interface Issuer {
        String issuer() default "http://localhost:8181";
    }

    private final BundleContext context;
    private final ClientDirectory clients;
    private final String issuer;
    private final String script;

    @Activate
    public AppPagesResource(BundleContext context, @Reference(name = "clients") ClientDirectory clients, Issuer config) {
        this.context = context;
        this.clients = clients;
        this.issuer = config.issuer().replaceAll("/+$", "");
        this.script = read(AppPagesResource.class.getResource(SDK_SCRIPT));
    }

    @GET
    public Response folder(@PathParam("appId") String appId, @Context UriInfo uri) {
        return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create("/apps/" + appId + "/")).build();
    }

    @GET
    @Path("{file: .*}")
    public Response page(@PathParam("appId") String appId, @PathParam("file") String file) {
        Bundle app = appWithPages(appId).orElseThrow(() -> new ProblemException(Problem.notFound("appId", "no app '" + appId
                + "' with web pages runs on this kernel: it is not installed, or its bundle names no " + WEB_HEADER + " folder")));
        if (file.equals(SDK_SCRIPT)) {
            webClientOf(app, appId);
            return Response.ok(script.replace("${issuer}", issuer), TYPES.get("js")).cacheControl(noCache()).build();
        }
        String path = file.isEmpty() || file.endsWith("/") ? file + "index.html" : file;
        if (List.of(path.split("/")).stream().anyMatch(segment -> segment.equals("..") || segment.equals(".")) || path.contains("\\")) {
            throw new ProblemException(Problem.notFound("file", "'" + file + "' is not a page of " + appId));
        }
        String folder = app.getHeaders("").get(WEB_HEADER).strip().replaceAll("^/+|/+$", "");
        URL entry = app.getEntry(folder + "/" + path);
        if (entry == null || path.endsWith("/")) {
            throw new ProblemException(Problem.notFound("file", "app " + appId + " has no page '" + file + "'"));
        }
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        try {
            InputStream body = entry.openStream();
            return Response.ok(body, TYPES.getOrDefault(extension, "application/octet-stream")).cacheControl(noCache()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The active bundle of {@code appId} that has pages. */
    private Optional<Bundle> appWithPages(String appId) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.ACTIVE && appId.equals(bundle.getHeaders("").get(AppDescriptor.APP_HEADER))
                    && bundle.getHeaders("").get(WEB_HEADER) != null) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    /**
     * Registers the app's pages as a public OpenID client ({@code app-<appId>-web}: PKCE, no secret,
     * redirected back to the app's folder) the first time its script is asked for. It is first-party:
     * the school administrator consented to the app when installing it, so users get no consent page.
     */
    private void webClientOf(Bundle app, String appId) {
        String clientId = webClientId(appId);
        if (clients.find(clientId).isPresent()) {
            return;
        }
        URI folder = URI.create(issuer + "/apps/" + appId + "/");
        String name = Optional.ofNullable(app.getHeaders("").get("Bundle-Name")).orElse(appId);
        try {
            clients.register(new NewClient(clientId, name, name, ClientAuthMethod.NONE, List.of(folder), List.of(folder),
                    Set.of("authorization_code", "refresh_token"), Set.of("openid", "profile"), true, Optional.empty(), Optional.empty()),
                    "app-pages");
        } catch (RuntimeException e) {
            if (clients.find(clientId).isEmpty()) {
                throw e;
            }
            // another request (or node) registered it in the meantime
        }
    }

    static String webClientId(String appId) {
        return "app-" + appId + "-web";
    }

    private static CacheControl noCache() {
        CacheControl cache = new CacheControl();
        cache.setNoCache(true);
        return cache;
    }

    private static String read(URL resource) {
        try (InputStream in = resource.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
