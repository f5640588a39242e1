package org.educloud.basedata.internal.oneroster;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OneRoster clients read errors as imsx_StatusInfo, also those the kernel's bearer-token filter
 * answers before a OneRoster resource runs (401 without or with a bad token, 403 without the
 * scope), which the native API gives as problem details. This filter, selected by the OneRoster
 * resource only, rewrites such a 401 or 403 under {@value OneRosterResource#ROOT} into the spec's
 * shape (code minor {@code unauthorisedrequest} or {@code forbidden}), keeping its description and
 * its {@code WWW-Authenticate} challenge.
 */
@Component(service = ContainerResponseFilter.class)
@JaxrsExtension
@JaxrsName(OneRosterErrors.NAME)
@JaxrsApplicationSelect("(osgi.jaxrs.name=*)")
public final class OneRosterErrors implements ContainerResponseFilter {

    static final String NAME = "educloud.oneroster-errors";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final MediaType PROBLEM = new MediaType("application", "problem+json");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if ((status != 401 && status != 403) || !request.getUriInfo().getRequestUri().getPath().startsWith(OneRosterResource.ROOT)
                || response.getMediaType() == null || !PROBLEM.isCompatible(response.getMediaType())) {
            return;
        }
        response.setEntity(of(status, String.valueOf(response.getEntity())).json(MAPPER).toString(), null,
                MediaType.APPLICATION_JSON_TYPE);
    }

    /** The imsx_StatusInfo of a 401 or 403 problem detail: its detail as the description. */
    static ImsxStatus of(int status, String problemJson) {
        String detail;
        try {
            JsonNode problem = MAPPER.readTree(problemJson);
            detail = problem.path("detail").asText(problem.path("title").asText(""));
        } catch (java.io.IOException e) {
            detail = "";
        }
        if (detail.isEmpty()) {
            detail = status == 401 ? "an access token is required" : "the access token does not permit this request";
        }
        return new ImsxStatus(status, status == 401 ? "unauthorisedrequest" : "forbidden", detail);
    }
}
