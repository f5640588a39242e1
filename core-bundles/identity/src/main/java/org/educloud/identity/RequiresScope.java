package org.educloud.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OAuth scopes an access token must carry to call a JAX-RS resource class or method: the
 * kernel's bearer-token filter answers 403 {@code insufficient_scope} (naming the scopes) before
 * the method runs when one is missing. A method's annotation replaces its class's.
 *
 * <p>A scope says what the client app may do on the user's behalf; whether the user may do it at
 * a given org is a separate check, made in the method with
 * {@link Caller#isPermitted(String, OrgPath)}, because the org usually comes from the data.
 *
 * <p>Some standards grant one endpoint through alternative scopes (OneRoster's roster-core.readonly
 * or roster.readonly both read orgs): {@link #anyOf()} names them, and one of them suffices.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {

    /** Every scope listed is required, e.g. {@code identity.accounts}. */
    String[] value() default {};

    /** At least one of these scopes is required as well (none when empty). @since 1.2 */
    String[] anyOf() default {};
}
