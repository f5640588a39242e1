package org.educloud.console.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.educloud.identity.OrgPath;
import org.educloud.platform.audit.AuditEvent;
import org.educloud.platform.audit.AuditLog;
import org.educloud.platform.audit.AuditQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /console/audit}: who did what when, across every bundle's {@link AuditLog} (identity,
 * basic data, app center, workflows), filtered by actor, action, org and time, newest first with
 * cursor paging. A reader sees the events of the orgs where they hold {@code audit:events:read}
 * (a school administrator their school's; the region's own events, such as client changes, only
 * region-wide readers).
 */
@Component(service = AuditPage.class)
@JaxrsResource
@Path("console/audit")
public class AuditPage {

    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ConsoleGate gate;
    private final ZoneId zone = ZoneId.systemDefault();

    /** Every audit log registered now; a bundle that stops takes its log with it. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, fieldOption = FieldOption.UPDATE)
    private final List<AuditLog> logs = new CopyOnWriteArrayList<>();

    @Activate
    public AuditPage(@Reference(name = "gate") ConsoleGate gate) {
        this.gate = gate;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response search(@QueryParam("actor") String actor, @QueryParam("action") String action, @QueryParam("org") String org,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("cursor") String cursor,
            @QueryParam("lang") String lang, @Context HttpServletRequest request, @Context HttpHeaders headers) {
        return gate.serve(request, headers, lang, Section.AUDIT, visitor -> {
            Map<String, Object> audit = new HashMap<>();
            audit.put("actor", text(actor));
            audit.put("action", text(action));
            audit.put("org", text(org));
            audit.put("from", text(from));
            audit.put("to", text(to));
            Map<String, Object> model = new HashMap<>();
            model.put("audit", audit);
            try {
                AuditQuery query = new AuditQuery(within(visitor, text(org)), Optional.of(text(actor)), Optional.of(text(action)),
                        instant("from", from), instant("to", to), 0, gate.pageSize());
                AuditSearch.Page page = AuditSearch.page(List.copyOf(logs), query, cursor);
                List<Map<String, Object>> events = new ArrayList<>();
                for (AuditEvent event : page.events()) {
                    events.add(row(visitor, event));
                }
                audit.put("events", events);
                audit.put("unavailable", page.unavailable());
                page.next().ifPresent(next -> audit.put("next", request.getRequestURI() + "?" + filters(actor, action, org, from, to)
                        + "&cursor=" + ConsoleGate.encode(next)));
            } catch (IllegalArgumentException e) {
                audit.put("events", List.of());
                model.put("error", ConsoleGate.error(e.getMessage(), List.of()));
            }
            return gate.page(visitor, model.containsKey("error") ? 400 : 200, Section.AUDIT, "titleAudit", model);
        });
    }

    /**
     * The orgs whose events the visitor may read, narrowed to {@code org} when given: the org itself
     * when inside what they may read, or the parts of it they may read.
     */
    List<String> within(Visitor visitor, String org) {
        List<OrgPath> scope = visitor.caller().scopeOf(Section.AUDIT_READ);
        if (org.isEmpty()) {
            return scope.stream().map(OrgPath::value).toList();
        }
        OrgPath wanted = OrgPath.of(org);
        if (scope.stream().anyMatch(s -> s.covers(wanted))) {
            return List.of(wanted.value());
        }
        List<String> inside = scope.stream().filter(wanted::covers).map(OrgPath::value).toList();
        if (inside.isEmpty()) {
            throw new IllegalArgumentException(gate.pages().text(visitor.language(), "auditNotYours", org, scope.toString()));
        }
        return inside;
    }

    private Map<String, Object> row(Visitor visitor, AuditEvent event) {
        Map<String, Object> row = new HashMap<>();
        row.put("at", SHOWN.format(event.at().atZone(zone)));
        row.put("source", gate.pages().text(visitor.language(), "source." + event.source()));
        row.put("actor", event.actor());
        row.put("action", event.action());
        row.put("target", event.target().orElse(""));
        row.put("org", event.org().orElse(""));
        row.put("address", event.address().orElse(""));
        row.put("outcome", event.outcome().orElse(""));
        row.put("detail", event.detail().orElse(""));
        return row;
    }

    /** A date ({@code 2025-09-01}: from the day's start, or to its end) or a time ({@code 2025-09-01T08:30}, a datetime-local field), in the kernel's zone. */
    private Optional<Instant> instant(String field, String value) {
        String text = text(value);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(text.contains("T") ? LocalDateTime.parse(text).atZone(zone).toInstant()
                    : LocalDate.parse(text).plusDays(field.equals("to") ? 1 : 0).atStartOfDay(zone).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a date like 2025-09-01 or a time like 2025-09-01T08:30");
        }
    }

    private static String filters(String actor, String action, String org, String from, String to) {
        return "actor=" + ConsoleGate.encode(text(actor)) + "&action=" + ConsoleGate.encode(text(action)) + "&org="
                + ConsoleGate.encode(text(org)) + "&from=" + ConsoleGate.encode(text(from)) + "&to=" + ConsoleGate.encode(text(to));
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
