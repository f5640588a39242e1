package org.educloud.identity;

import java.util.List;
import java.util.Optional;

/**
 * The accounts of the region. Every change is audited with the acting principal's name.
 * Methods throw {@link AccountProblem} for bad input, unknown accounts and conflicts.
 */
public interface AccountDirectory {

    /** Creates an account; its password must be changed at first login. */
    Account create(NewAccount account, String actor);

    /** The account with this username, registry number or staff number. */
    Optional<Account> find(String login);

    /**
     * Accounts in username order after {@code afterUsername} (empty for the first page), at most
     * {@code limit}; only those whose username starts with {@code prefix} when it is not empty.
     */
    List<Account> list(String prefix, String afterUsername, int limit);

    /** Refuses every login of the account until {@link #unlock}. */
    void lock(String username, String actor);

    /** Lifts an administrator's lock and any block after failed logins. */
    void unlock(String username, String actor);

    /** Sets a new password that must be changed at the next login. */
    void resetPassword(String username, String temporaryPassword, String actor);

    /** Grants a role at an org. */
    void grant(String username, RoleGrant grant, String actor);

    /** Takes back a role at an org. */
    void revoke(String username, RoleGrant grant, String actor);
}
