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

import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.oauth2.sdk.id.Subject;

/** The UserInfo endpoint: who the user of an access token is, for a token that carries {@code openid}. */
@Component(service = UserInfoEndpoint.class)
@JaxrsResource
@Path("oauth2/userinfo")
public class UserInfoEndpoint {

    private final AccessControl access;
    private final JdbcAccountDirectory accounts;

    @Activate
    public UserInfoEndpoint(@Reference(name = "access") AccessControl access,
            @Reference(name = "accounts") JdbcAccountDirectory accounts) {
        this.access = access;
        this.accounts = accounts;
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
        Optional<VerifiedToken> token = access.verified(authorization.substring(7).strip());
        if (token.isEmpty()) {
            return challenge(401, "invalid_token", "the access token is invalid, expired or revoked");
        }
        if (!token.get().scopes().contains("openid")) {
            return challenge(403, "insufficient_scope", "the access token lacks the openid scope");
        }
        if (token.get().username().isEmpty()) {
            return challenge(403, "insufficient_scope", "a client's own token has no user");
        }
        UserInfo info = new UserInfo(new Subject(token.get().subject()));
        accounts.find(token.get().username().get()).ifPresent(account -> {
            info.setName(account.displayName());
            info.setPreferredUsername(account.username());
            AccountClaims about = AccountClaims.of(account);
            info.setClaim("roles", about.roles());
            info.setClaim("orgs", about.orgs());
            info.setClaim("org_ids", about.orgIds());
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
