package org.educloud.identity.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;

import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.util.URLUtils;

/** Carries requests and responses between JAX-RS and the Nimbus SDK, which parses and writes the OAuth messages. */
final class OAuthHttp {

    private OAuthHttp() {
    }

    /** A form POST to {@code endpoint} as Nimbus sees it. */
    static HTTPRequest formPost(URI endpoint, MultivaluedMap<String, String> form, String authorization) {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, endpoint);
        request.setEntityContentType(ContentType.APPLICATION_URLENCODED);
        request.setBody(URLUtils.serializeParameters(Map.copyOf(form)));
        if (authorization != null) {
            request.setAuthorization(authorization);
        }
        return request;
    }

    static Response toResponse(HTTPResponse response) {
        Response.ResponseBuilder builder = Response.status(response.getStatusCode());
        for (Map.Entry<String, List<String>> header : response.getHeaderMap().entrySet()) {
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        builder.header("Cache-Control", "no-store").header("Pragma", "no-cache");
        return builder.entity(response.getBody()).build();
    }

    /** An OAuth error response (RFC 6749 §5.2): 401 with a challenge for invalid_client, else 400 unless the error says otherwise. */
    static Response error(ErrorObject error, boolean basicWasUsed) {
        int status = error.getHTTPStatusCode() > 0 ? error.getHTTPStatusCode() : 400;
        if (OAuth2Error.INVALID_CLIENT.getCode().equals(error.getCode())) {
            status = 401;
        }
        Response.ResponseBuilder builder = Response.status(status).type("application/json")
                .header("Cache-Control", "no-store").entity(error.toJSONObject().toJSONString());
        if (status == 401) {
            builder.header("WWW-Authenticate", basicWasUsed ? "Basic realm=\"educloud\"" : "Bearer realm=\"educloud\"");
        }
        return builder.build();
    }

    static String first(MultivaluedMap<String, String> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
