package org.educloud.identity.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the identity provider, in {@code etc/org.educloud.identity.cfg}. */
@ObjectClassDefinition(pid = IdentityConfig.PID, name = "EduCloud identity provider")
public @interface IdentityConfig {

    String PID = "org.educloud.identity";

    @AttributeDefinition(description = "The issuer URL: the public address of this kernel, as clients reach it")
    String issuer() default "http://localhost:8181";

    @AttributeDefinition(description = "Lifetime of access and ID tokens, in seconds")
    int accessTokenSeconds() default 300;

    @AttributeDefinition(description = "Lifetime of a refresh token, in hours; each use replaces it with a new one")
    int refreshTokenHours() default 12;

    @AttributeDefinition(description = "Lifetime of a single sign-on session, in minutes (a school day by default)")
    int ssoSessionMinutes() default 600;

    @AttributeDefinition(description = "Lifetime of an authorization code, in seconds (at most 600)")
    int authorizationCodeSeconds() default 60;

    @AttributeDefinition(description = "Days a signing key signs new tokens before the next key takes over")
    int keyRotationDays() default 90;

    @AttributeDefinition(description = "AES-256 key (base64 of 32 bytes) that encrypts the signing keys in the database; "
            + "the same on every node. Empty: the environment variable EDUCLOUD_IDENTITY_KEY, else a key kept in data/")
    String keyEncryptionKey() default "";

    @AttributeDefinition(description = "Argon2id memory per password hash, in KiB (OWASP minimum 19456)")
    int argon2MemoryKiB() default 19456;

    @AttributeDefinition(description = "Argon2id passes per password hash (OWASP minimum 2 at 19 MiB)")
    int argon2Iterations() default 2;

    @AttributeDefinition(description = "Failed logins in a row before an account is blocked for a while")
    int lockoutThreshold() default 5;

    @AttributeDefinition(description = "Failed logins in a row from one client address before it is blocked for a while")
    int addressLockoutThreshold() default 20;

    @AttributeDefinition(description = "First block after the threshold, in seconds; it doubles with each further failure")
    int lockoutBaseSeconds() default 30;

    @AttributeDefinition(description = "Longest block, in seconds")
    int lockoutMaxSeconds() default 900;
}
