package org.educloud.basedata.internal.oneroster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.educloud.platform.rest.Problem;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The bearer-token filter's 401 and 403 problem details, as OneRoster clients read errors: imsx_StatusInfo. */
class OneRosterErrorsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aMissingTokenIsUnauthorisedRequestAndAMissingScopeForbidden() {
        JsonNode unauthorised = OneRosterErrors.of(401, Problem.of(401, "token-required", "Access token required",
                "This API needs an access token.").toJson()).json(MAPPER);
        assertEquals("failure", unauthorised.path("imsx_codeMajor").asText());
        assertEquals("error", unauthorised.path("imsx_severity").asText());
        assertEquals("This API needs an access token.", unauthorised.path("imsx_description").asText());
        assertEquals("unauthorisedrequest", unauthorised.path("imsx_CodeMinor").path("imsx_codeMinorField").get(0)
                .path("imsx_codeMinorFieldValue").asText());

        ImsxStatus forbidden = OneRosterErrors.of(403, Problem.of(403, "insufficient-scope", "Insufficient scope",
                "This API needs the scope roster-core.readonly.").toJson());
        assertEquals(403, forbidden.status());
        assertEquals("forbidden", forbidden.codeMinor());
        assertEquals("an access token is required", OneRosterErrors.of(401, "not json").description());
    }
}
