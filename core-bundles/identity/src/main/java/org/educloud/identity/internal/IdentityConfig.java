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

    @AttributeDefinition(description = "Days a signing key signs new tokens before the next key takes over")
    int keyRotationDays() default 90;

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
