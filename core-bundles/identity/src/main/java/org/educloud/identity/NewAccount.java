package org.educloud.identity;

import java.util.List;
import java.util.Optional;

/**
 * What it takes to create an account. The initial password must be changed at first login.
 *
 * @param username        the login name: 3–64 letters, digits, {@code . _ -}
 * @param displayName     the name shown to people
 * @param initialPassword at least 12 characters
 * @param registryNumber  a student's registry number, if any
 * @param staffNumber     a staff number, if any
 * @param personId        the person in the basic data, if any
 * @param grants          roles to grant at once
 */
public record NewAccount(String username, String displayName, String initialPassword, Optional<String> registryNumber,
        Optional<String> staffNumber, Optional<String> personId, List<RoleGrant> grants) {

    public NewAccount {
        grants = List.copyOf(grants);
    }

    /** An account with a username, a name, a password and grants only. */
    public static NewAccount of(String username, String displayName, String initialPassword, List<RoleGrant> grants) {
        return new NewAccount(username, displayName, initialPassword, Optional.empty(), Optional.empty(), Optional.empty(), grants);
    }
}
