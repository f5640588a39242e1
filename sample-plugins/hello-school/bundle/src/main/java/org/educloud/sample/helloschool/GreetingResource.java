package org.educloud.sample.helloschool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;
import javax.ws.rs.GET;
import javax.ws.rs.NotAuthorizedException;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.educloud.sdk.app.AppDescriptor;
import org.educloud.sdk.user.CurrentUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /apps/hello-school/api/greeting}: greets the current user in their language from the
 * app's own table, with the app's version and the orgs the user belongs to.
 */
@Component(service = GreetingResource.class)
@JaxrsResource
@JaxrsExtensionSelect({"(osgi.jaxrs.media.type=application/json)", AppDescriptor.TOKEN_CHECK})
@JaxrsApplicationSelect("(educloud.app=hello-school)") // the app's own JAX-RS application, based at /apps/hello-school/api
@Path("/greeting")
@Produces(MediaType.APPLICATION_JSON)
public class GreetingResource {

    private final DataSource dataSource;
    private final String version;

    @Activate
    public GreetingResource(@Reference(name = "dataSource", target = AppDescriptor.DATA_SOURCE_FILTER) DataSource dataSource) {
        this.dataSource = dataSource;
        this.version = ownVersion();
    }

    @GET
    public Map<String, Object> greet(@Context SecurityContext security, @QueryParam("lang") String lang) throws SQLException {
        // The kernel has checked the token before this runs; without a user this is not an app request.
        CurrentUser user = CurrentUser.of(security).orElseThrow(() -> new NotAuthorizedException("Bearer realm=\"educloud\""));
        Map<String, Object> greeting = new LinkedHashMap<>();
        greeting.put("greeting", text("en".equals(lang) ? "en" : "zh-CN") + ", " + user.getName());
        greeting.put("version", version);
        greeting.put("orgs", user.orgs());
        return greeting;
    }

    private String text(String lang) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT text FROM hs_greeting WHERE lang = ?")) {
            query.setString(1, lang);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : "你好";
            }
        }
    }

    private static String ownVersion() {
        try (InputStream in = GreetingResource.class.getResourceAsStream("app.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
