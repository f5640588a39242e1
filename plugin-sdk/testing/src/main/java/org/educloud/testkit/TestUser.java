package org.educloud.testkit;

/**
 * An account the kit made, holding one role at one org. Get a token for it with
 * {@link TestKit#tokenFor(TestUser)}, or call the kernel as it with {@link TestKit#get(String, TestUser)}.
 *
 * @param username its login name
 * @param role     its role, e.g. {@code teacher}
 * @param org      the org path it holds the role at
 */
public record TestUser(String username, String role, String org) {

    /** The role grant as the kernel writes it, e.g. {@code teacher@/99/9901/990101/9901010001}. */
    public String grant() {
        return role + "@" + org;
    }
}
