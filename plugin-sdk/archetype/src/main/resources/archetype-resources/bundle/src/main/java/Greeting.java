package ${package};

import java.util.List;

import org.educloud.sdk.user.CurrentUser;

/**
 * What {@code GET /apps/${appId}/api/hello} answers: a greeting for the current user in their
 * language, the orgs they hold roles at, and how often they have called.
 *
 * @param greeting the greeting, e.g. {@code 你好，zhang.wei}
 * @param version  this app's version
 * @param orgs     the org paths the user holds roles at
 * @param visits   how many times the user has called, this call included
 */
public record Greeting(String greeting, String version, List<String> orgs, long visits) {

    /** The greeting for {@code user}: in English when {@code lang} is {@code en}, else in Chinese. */
    public static Greeting of(CurrentUser user, String lang, String version, long visits) {
        // A client app calling for itself has no username: greet it by its client id.
        String name = user.username().orElse(user.clientId());
        String text = "en".equals(lang) ? "Hello, " + name : "你好，" + name;
        return new Greeting(text, version, user.orgs(), visits);
    }
}
