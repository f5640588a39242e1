package org.educloud.identity.internal;

import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.BearerToken;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.credential.AllowAllCredentialsMatcher;
import org.apache.shiro.authz.AuthorizationInfo;
import org.apache.shiro.authz.SimpleAuthorizationInfo;
import org.apache.shiro.realm.AuthorizingRealm;
import org.apache.shiro.subject.PrincipalCollection;
import org.educloud.identity.RoleGrant;

/**
 * The kernel's Shiro realm. Authentication: a bearer access token, checked by the
 * {@link AccessTokenVerifier}; the principal is the {@link VerifiedToken}. Authorization: each role
 * the token holds at an org grants that role's permissions from the database, as
 * {@link OrgPermission}s bounded to that org's subtree.
 */
final class OrgRealm extends AuthorizingRealm {

    static final String NAME = "educloud";

    private final AccessTokenVerifier tokens;
    private final RolePermissions roles;

    OrgRealm(AccessTokenVerifier tokens, RolePermissions roles) {
        this.tokens = tokens;
        this.roles = roles;
        setName(NAME);
        setAuthenticationTokenClass(BearerToken.class);
        // The verifier has checked the signature: there is no second secret to compare.
        setCredentialsMatcher(new AllowAllCredentialsMatcher());
        // RolePermissions caches the table briefly; caching per principal would keep a token's
        // permissions after an operator changed the role, until the token expired.
        setAuthorizationCachingEnabled(false);
        setAuthenticationCachingEnabled(false);
        setPermissionResolver(OrgPermission::parse);
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) {
        BearerToken bearer = (BearerToken) token;
        return new SimpleAuthenticationInfo(tokens.verify(bearer.getToken()), bearer.getToken(), getName());
    }

    @Override
    protected AuthorizationInfo doGetAuthorizationInfo(PrincipalCollection principals) {
        SimpleAuthorizationInfo info = new SimpleAuthorizationInfo();
        VerifiedToken token = principals.oneByType(VerifiedToken.class);
        if (token == null) {
            return info;
        }
        for (RoleGrant grant : token.grants()) {
            info.addRole(grant.toString());
            for (String permission : roles.permissionsOf(grant.role())) {
                info.addObjectPermission(new OrgPermission(permission, grant.org()));
            }
        }
        return info;
    }
}
