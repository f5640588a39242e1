package org.educloud.platform.rest;

import java.util.stream.Collectors;

import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A request body that is not the JSON a resource expects is bad input (400), not a server error:
 * the problem names the member at fault (e.g. {@code grants[1]}) and what Jackson could not read.
 */
public class JsonProblemMapper implements ExceptionMapper<JsonProcessingException> {

    @Context
    private UriInfo uriInfo;

    public JsonProblemMapper() {
    }

    /** For use outside a JAX-RS runtime (tests): the request path comes from {@code uriInfo}. */
    public JsonProblemMapper(UriInfo uriInfo) {
        this.uriInfo = uriInfo;
    }

    @Override
    public Response toResponse(JsonProcessingException exception) {
        String field = null;
        if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream().map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
        }
        String what = exception.getOriginalMessage() == null ? "" : exception.getOriginalMessage().lines().findFirst().orElse("");
        if (what.length() > 200) {
            what = what.substring(0, 200) + "…";
        }
        String where = exception.getLocation() == null ? "" : " at line " + exception.getLocation().getLineNr()
                + ", column " + exception.getLocation().getColumnNr();
        return Problem.invalidInput(field, "The request body is not the JSON this API expects" + where
                + (field == null ? "" : " (member " + field + ")") + ": " + what + ". Check it against the API reference.")
                .at(RequestPath.of(uriInfo)).toResponse();
    }
}
