package org.educloud.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A person's (or service's) login.
 *
 * @param id                 the stable id, also the {@code sub} claim of its tokens
 * @param username           the login name
 * @param registryNumber     a student's registry number (学籍号), another way to log in
 * @param staffNumber        a staff member's number (工号), another way to log in
 * @param personId           the person in the basic data, where there is one
 * @param displayName        the name shown to people
 * @param locked             locked by an administrator
 * @param mustChangePassword the next login must set a new password
 * @param blockedUntil       until when logins are refused after repeated failures
 * @param grants             the roles held, each at an org
 */
public record Account(long id, String username, Optional<String> registryNumber, Optional<String> staffNumber,
        Optional<String> personId, String displayName, boolean locked, boolean mustChangePassword,
        Optional<Instant> blockedUntil, List<RoleGrant> grants) {

    public Account {
        grants = List.copyOf(grants);
    }
}
