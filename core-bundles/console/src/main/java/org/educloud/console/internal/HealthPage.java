package org.educloud.console.internal;

import java.util.ArrayList;
import java.util.HashMap;
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

import com.fasterxml.jackson.databind.JsonNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /console/health}: the platform health report ({@code GET /api/platform/v1/health}) as a
 * page: the overall status, each check (database, migrations...), the kernel's services and the
 * apps, worst first. For region-wide operators ({@code platform:health:read} at {@code /}).
 */
@Component(service = HealthPage.class)
@JaxrsResource
@Path("console/health")
public class HealthPage {

    private final ConsoleGate gate;

    @Activate
    public HealthPage(@Reference(name = "gate") ConsoleGate gate) {
        this.gate = gate;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response health(@QueryParam("lang") String lang, @Context HttpServletRequest request, @Context HttpHeaders headers) {
        return gate.serve(request, headers, lang, Section.HEALTH, visitor -> {
            JsonNode report = visitor.api().getReport("/api/platform/v1/health");
            Map<String, Object> health = new HashMap<>();
            health.put("status", report.path("status").asText("DOWN"));
            health.put("version", report.path("version").asText(""));
            long uptime = report.path("uptimeSeconds").asLong();
            health.put("uptime", gate.pages().text(visitor.language(), "uptime", uptime / 3600, uptime % 3600 / 60));
            List<Map<String, Object>> checks = new ArrayList<>();
            report.path("checks").fields().forEachRemaining(check -> checks.add(part(check.getKey(), check.getValue())));
            health.put("checks", worstFirst(checks));
            health.put("services", worstFirst(parts(report.path("services"))));
            health.put("apps", worstFirst(parts(report.path("apps"))));
            return gate.page(visitor, 200, Section.HEALTH, "titleHealth", Map.of("health", health));
        });
    }

    private static List<Map<String, Object>> parts(JsonNode list) {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (JsonNode part : list) {
            Map<String, Object> row = part(part.path("name").asText(), part);
            row.put("version", part.path("version").asText(""));
            row.put("state", part.path("state").asText(""));
            parts.add(row);
        }
        return parts;
    }

    private static Map<String, Object> part(String name, JsonNode part) {
        Map<String, Object> row = new HashMap<>();
        row.put("name", name);
        row.put("status", part.path("status").asText("DOWN"));
        row.put("detail", part.path("detail").asText(""));
        return row;
    }

    /** What needs attention at the top; otherwise by name. */
    private static List<Map<String, Object>> worstFirst(List<Map<String, Object>> parts) {
        List<String> order = List.of("DOWN", "DEGRADED", "UP");
        parts.sort((a, b) -> {
            int byStatus = Integer.compare(rank(order, a), rank(order, b));
            return byStatus != 0 ? byStatus : ((String) a.get("name")).compareTo((String) b.get("name"));
        });
        return parts;
    }

    private static int rank(List<String> order, Map<String, Object> part) {
        int index = order.indexOf((String) part.get("status"));
        return index < 0 ? 0 : index;
    }
}
