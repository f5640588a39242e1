package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.sdk.user.CurrentUser;
import org.educloud.sdk.user.OrgRole;
import org.junit.jupiter.api.Test;

class GreetingTest {

    private static final String SCHOOL = "/99/9901/990101/9901010001";

    @Test
    void greetsInChineseUnlessEnglishIsAskedFor() {
        CurrentUser teacher = new User(Optional.of("zhang.wei"), List.of(new OrgRole("teacher", SCHOOL)));
        assertEquals("你好，zhang.wei", Greeting.of(teacher, null, "1.0.0", 1).greeting());
        assertEquals("你好，zhang.wei", Greeting.of(teacher, "fr", "1.0.0", 1).greeting());
        assertEquals("Hello, zhang.wei", Greeting.of(teacher, "en", "1.0.0", 1).greeting());
    }

    @Test
    void carriesTheUsersOrgsOnceEachTheVersionAndTheVisits() {
        CurrentUser user = new User(Optional.of("li.na"), List.of(new OrgRole("teacher", SCHOOL), new OrgRole("school-admin", SCHOOL)));
        Greeting greeting = Greeting.of(user, "en", "1.2.3", 7);
        assertEquals(List.of(SCHOOL), greeting.orgs());
        assertEquals("1.2.3", greeting.version());
        assertEquals(7, greeting.visits());
    }

    @Test
    void greetsAClientAppByItsClientId() {
        assertEquals("Hello, reports", Greeting.of(new User(Optional.empty(), List.of()), "en", "1.0.0", 1).greeting());
    }

    /** A caller as the kernel would make it from a token. */
    private record User(Optional<String> username, List<OrgRole> roles) implements CurrentUser {

        @Override
        public String id() {
            return username.orElse("reports");
        }

        @Override
        public String clientId() {
            return "reports";
        }

        @Override
        public Set<String> scopes() {
            return Set.of("openid");
        }

        @Override
        public String getName() {
            return id();
        }
    }
}
