package org.educloud.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code /console/}: the sections the signed-in person may use; a 403 page for everyone else. */
@Component(service = ConsoleHome.class)
@JaxrsResource
@Path("console")
public class ConsoleHome {

    private final ConsoleGate gate;

    @Activate
    public ConsoleHome(@Reference(name = "gate") ConsoleGate gate) {
        this.gate = gate;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response home(@QueryParam("lang") String lang, @Context HttpServletRequest request, @Context HttpHeaders headers) {
        return gate.serve(request, headers, lang, Section.HOME, visitor -> {
            ConsolePages pages = gate.pages();
            List<Map<String, String>> cards = new ArrayList<>();
            for (Section section : Section.values()) {
                if (section != Section.HOME && section.allows(visitor.caller())) {
                    String name = section.name().toLowerCase();
                    cards.add(Map.of("href", "/console/" + section.path(), "id", name, "label", pages.text(visitor.language(), "nav." + name),
                            "hint", pages.text(visitor.language(), "hint." + name)));
                }
            }
            return gate.page(visitor, 200, Section.HOME, "titleHome", Map.of("home", Map.of("hello",
                    pages.text(visitor.language(), "hello", visitor.user().account().displayName()), "cards", cards)));
        });
    }
}
