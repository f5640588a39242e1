package org.educloud.portal.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the portal, in {@code etc/org.educloud.portal.cfg}. The portal's components also
 * read {@code etc/org.educloud.identity.cfg} (its {@code issuer}), so the portal always logs in at
 * the provider the kernel actually is.
 */
@ObjectClassDefinition(pid = PortalConfig.PID, name = "EduCloud portal")
public @interface PortalConfig {

    String PID = "org.educloud.portal";

    /** The identity bundle's configuration, read for its issuer. */
    String IDENTITY_PID = "org.educloud.identity";

    @AttributeDefinition(description = "The OpenID provider's issuer (set in org.educloud.identity.cfg; the portal is at <issuer>/portal/)")
    String issuer() default "http://localhost:8181";

    @AttributeDefinition(description = "Where the portal itself calls the token endpoint and the JWKS; empty means the issuer. "
            + "Behind a reverse proxy set the kernel's own address, e.g. http://127.0.0.1:8181, so no call leaves the machine")
    String backchannelUrl() default "";

    @AttributeDefinition(description = "The portal's client id at the OpenID provider (registered at first start)")
    String clientId() default "educloud-portal";

    @AttributeDefinition(description = "Paths besides /portal whose pages share the portal's session (its cookie is set for each): "
            + "the kernel's own pages that sign in through the portal, such as the operations console. Never /apps")
    String[] sessionPaths() default {"/console"};

    @AttributeDefinition(description = "Minutes a portal session lasts at most; the SSO session and the tokens may end it earlier")
    int sessionMinutes() default 480;

    @AttributeDefinition(description = "Minutes a login in progress (sent to the login page, not yet back) is kept")
    int loginMinutes() default 15;

    @AttributeDefinition(description = "To-dos listed on the home page (the count covers all)")
    int todosShown() default 10;

    @AttributeDefinition(description = "Messages listed on the home page (the unread count covers all)")
    int messagesShown() default 10;
}
