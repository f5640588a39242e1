package org.educloud.sdk.app;

/**
 * The scopes an app asks schools for (its descriptor's {@code scopes}) to use the kernel's
 * services. A school administrator consents to them when installing the app; the kernel then lets
 * the app use each service only for the orgs that consented to its scope. An app installed for a
 * school without a scope gets {@link NotGrantedException} for that school.
 */
public final class AppScopes {

    /** Read the base data of the installing schools: orgs, classes, people (never whole ID numbers), enrollments. */
    public static final String BASEDATA_READ = "basedata.read";

    /** Send messages to people, classes and schools of the installing schools. */
    public static final String MESSAGES_SEND = "messages.send";

    /** Post to-dos to people of the installing schools. */
    public static final String TODOS_WRITE = "todos.write";

    /** Start approval workflows for students of the installing schools and follow them. */
    public static final String WORKFLOWS_SUBMIT = "workflows.submit";

    private AppScopes() {
    }
}
