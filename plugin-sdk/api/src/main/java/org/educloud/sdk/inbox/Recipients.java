package org.educloud.sdk.inbox;

import java.util.Objects;

/**
 * Who a message is for. A message to a class, a school or an org reaches everyone holding a role
 * there or below it.
 *
 * @param kind   {@code user}, {@code class}, {@code school} or {@code org}
 * @param target the username, or the org path (a class's path is its school's path and the class id)
 */
public record Recipients(String kind, String target) {

    public Recipients {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
    }

    /** One person, by username. */
    public static Recipients user(String username) {
        return new Recipients("user", username);
    }

    /** Everyone in a class: {@code classPath} is the school's path and the class id, e.g. {@code /37/3701/370102/3701020001/2017-02}. */
    public static Recipients schoolClass(String classPath) {
        return new Recipients("class", classPath);
    }

    /** Everyone at a school. */
    public static Recipients school(String schoolPath) {
        return new Recipients("school", schoolPath);
    }

    /** Everyone in an org's subtree. */
    public static Recipients org(String orgPath) {
        return new Recipients("org", orgPath);
    }
}
