package org.educloud.basedata.internal.oneroster;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OneRoster 1.2's error payload (imsx_StatusInfo): code major {@code failure}, severity
 * {@code error}, one code minor naming what went wrong (invalid_filter_field, unknownobject, ...)
 * and a description saying what is wrong and how to fix it.
 *
 * @param status      the HTTP status
 * @param codeMinor   the spec's code minor value
 * @param description for a person reading it
 */
public record ImsxStatus(int status, String codeMinor, String description) {

    static ImsxStatus invalidFilter(String description) {
        return new ImsxStatus(400, "invalid_filter_field", description);
    }

    static ImsxStatus invalidSelection(String description) {
        return new ImsxStatus(400, "invalid_selection_field", description);
    }

    static ImsxStatus invalidSort(String description) {
        return new ImsxStatus(400, "invalid_sort_field", description);
    }

    static ImsxStatus invalidData(String description) {
        return new ImsxStatus(400, "invaliddata", description);
    }

    static ImsxStatus unknownObject(String description) {
        return new ImsxStatus(404, "unknownobject", description);
    }

    /** The JSON body. */
    public ObjectNode json(ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        body.put("imsx_codeMajor", "failure");
        body.put("imsx_severity", "error");
        body.put("imsx_description", description);
        body.putObject("imsx_CodeMinor").putArray("imsx_codeMinorField").addObject()
                .put("imsx_codeMinorFieldName", "TargetEndSystem").put("imsx_codeMinorFieldValue", codeMinor);
        return body;
    }

    /** The response carrying it. */
    public Response response(ObjectMapper mapper) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json(mapper).toString()).build();
    }
}
