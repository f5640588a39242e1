package org.educloud.identity.internal;

import java.util.Optional;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.oauth2.sdk.id.Subject;

/** The UserInfo endpoint: who the user of an access token is, for a token that carries {@code openid}. */
@Component(service = UserInfoEndpoint.class)
@JaxrsResource
@Path("oauth2/userinfo")
public class UserInfoEndpoint {

    private final TokenService tokens;

    @Activate
    public UserInfoEndpoint(@Reference(name = "tokens") TokenService tokens) {
        this.tokens = tokens;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(authorization);
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(authorization);
    }

    private Response answer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return challenge(401, "invalid_request", "send the access token as Authorization: Bearer <token>");
        }
        Optional<JWTClaimsSet> claims = tokens.verifyAccessToken(authorization.substring(7).strip());
        if (claims.isEmpty()) {
            return challenge(401, "invalid_token", "the access token is invalid, expired or revoked");
        }
        Object scope = claims.get().getClaim("scope");
        if (scope == null || !Scope.parse(scope.toString()).contains("openid")) {
            return challenge(403, "insufficient_scope", "the access token lacks the openid scope");
        }
        UserInfo info = new UserInfo(new Subject(claims.get().getSubject()));
        long accountId;
        try {
            accountId = Long.parseLong(claims.get().getSubject());
        } catch (NumberFormatException e) {
            return challenge(403, "insufficient_scope", "a client's own token has no user");
        }
        tokens.account(accountId).ifPresent(account -> {
            info.setName(account.displayName());
            info.setPreferredUsername(account.username());
            for (String claim : new String[] {"roles", "orgs", "org_ids"}) {
                info.setClaim(claim, claims.get().getClaim(claim));
            }
        });
        return Response.ok(info.toJSONObject().toJSONString()).header("Cache-Control", "no-store").build();
    }

    private static Response challenge(int status, String error, String description) {
        return Response.status(status).header("WWW-Authenticate", "Bearer realm=\"educloud\", error=\"" + error
                + "\", error_description=\"" + description + "\"").header("Cache-Control", "no-store")
                .type(MediaType.APPLICATION_JSON).entity("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}")
                .build();
    }
}
