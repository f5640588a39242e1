package org.educloud.console.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgCounts;
import org.educloud.basedata.OrgDirectory;
import org.educloud.identity.OrgPath;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /console/orgs?under=/37/3701}: the org tree (province, city, district, school) one level
 * at a time, each child with what its subtree holds (schools, classes, students, teachers), and
 * the org's own details; read from the basic data ({@link OrgDirectory}) as the signed-in person,
 * so they see exactly the orgs their roles may read.
 */
@Component(service = OrgsPage.class)
@JaxrsResource
@Path("console/orgs")
public class OrgsPage {

    private final ConsoleGate gate;
    private final OrgDirectory orgs;

    @Activate
    public OrgsPage(@Reference(name = "gate") ConsoleGate gate, @Reference(name = "orgs") OrgDirectory orgs) {
        this.gate = gate;
        this.orgs = orgs;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response tree(@QueryParam("under") String under, @QueryParam("lang") String lang, @Context HttpServletRequest request,
            @Context HttpHeaders headers) {
        return gate.serve(request, headers, lang, Section.ORGS, visitor -> {
            Map<String, Object> model = new HashMap<>();
            OrgPath at;
            try {
                at = under == null || under.isBlank() ? start(visitor) : OrgPath.of(under.strip());
            } catch (IllegalArgumentException e) {
                model.put("error", ConsoleGate.error(e.getMessage(), List.of()));
                at = start(visitor);
            }
            try {
                model.put("orgs", view(visitor, at));
            } catch (BasedataProblem e) {
                model.put("error", ConsoleGate.error(e.getMessage(), List.of()));
            }
            return gate.page(visitor, 200, Section.ORGS, "titleOrgs", model);
        });
    }

    /** Where the tree opens: the region for region-wide readers, else the one org they read (a school administrator's school). */
    private static OrgPath start(Visitor visitor) {
        List<OrgPath> scope = visitor.caller().scopeOf(Section.ORGS_READ);
        return scope.size() == 1 ? scope.get(0) : OrgPath.ROOT;
    }

    private Map<String, Object> view(Visitor visitor, OrgPath at) {
        ConsolePages pages = gate.pages();
        String language = visitor.language();
        Map<String, Object> view = new HashMap<>();
        List<Map<String, String>> crumbs = new ArrayList<>();
        crumbs.add(Map.of("href", "/console/orgs?under=/", "name", pages.text(language, "region")));
        StringBuilder path = new StringBuilder();
        for (String segment : at.segments()) {
            path.append('/').append(segment);
            String ancestor = path.toString();
            String name = orgs.findByCode(visitor.caller(), segment).map(Org::name).orElse(segment);
            crumbs.add(Map.of("href", "/console/orgs?under=" + ConsoleGate.encode(ancestor), "name", name));
        }
        view.put("crumbs", crumbs);
        if (!at.equals(OrgPath.ROOT)) {
            Optional<Org> org = orgs.findByCode(visitor.caller(), at.orgId()).filter(o -> o.path().equals(at));
            org.ifPresent(o -> view.put("org", details(visitor, o)));
            parent(at).flatMap(parent -> orgs.statistics(visitor.caller(), parent).stream()
                    .filter(c -> c.org().path().equals(at)).findFirst()).ifPresent(c -> view.put("counts", counts(c)));
        }
        List<Map<String, Object>> children = new ArrayList<>();
        for (OrgCounts child : orgs.statistics(visitor.caller(), at)) {
            Map<String, Object> row = counts(child);
            row.put("name", child.org().name());
            row.put("code", child.org().code());
            row.put("kind", pages.text(language, "kind." + child.org().kind().label()));
            row.put("href", "/console/orgs?under=" + ConsoleGate.encode(child.org().path().value()));
            children.add(row);
        }
        view.put("children", children);
        return view;
    }

    private Map<String, String> details(Visitor visitor, Org org) {
        ConsolePages pages = gate.pages();
        String language = visitor.language();
        Map<String, String> details = new HashMap<>();
        details.put("name", org.name());
        details.put("code", org.code());
        details.put("path", org.path().value());
        details.put("kind", pages.text(language, "kind." + org.kind().label()));
        if (org.stage() != null) {
            details.put("stage", pages.text(language, "stage." + org.stage()));
            details.put("ownership", pages.text(language, "ownership." + org.ownership()));
            details.put("locale", pages.text(language, "locale." + org.locale()));
        }
        return details;
    }

    private static Map<String, Object> counts(OrgCounts counts) {
        Map<String, Object> row = new HashMap<>();
        row.put("schools", counts.schools());
        row.put("publicSchools", counts.publicSchools());
        row.put("privateSchools", counts.privateSchools());
        row.put("classes", counts.classes());
        row.put("students", counts.students());
        row.put("teachers", counts.teachers());
        return row;
    }

    private static Optional<OrgPath> parent(OrgPath path) {
        List<String> segments = path.segments();
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(segments.size() == 1 ? OrgPath.ROOT : OrgPath.of("/" + String.join("/", segments.subList(0, segments.size() - 1))));
    }
}
