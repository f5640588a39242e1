package org.educloud.platform.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JAX-RS resource class or method that answers without an access token, such as the
 * health probe a load balancer calls. Everything else under {@code /api/} and
 * {@code /apps/{appId}/api/} needs a valid bearer token. Put it on as little as possible: a
 * public method must reveal nothing about people or orgs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PublicEndpoint {
}
