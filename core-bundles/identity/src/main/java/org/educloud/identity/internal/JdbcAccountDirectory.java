package org.educloud.identity.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.educloud.identity.Account;
import org.educloud.identity.AccountDirectory;
import org.educloud.identity.AccountProblem;
import org.educloud.identity.AccountProblem.Kind;
import org.educloud.identity.NewAccount;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The accounts in MariaDB ({@code idn_account}, {@code idn_role_grant}); every change is audited in the same transaction. */
@Component(service = {AccountDirectory.class, JdbcAccountDirectory.class}, configurationPid = IdentityConfig.PID)
public final class JdbcAccountDirectory implements AccountDirectory {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");
    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9-]{4,32}");
    private static final String COLUMNS = "id, username, registry_no, staff_no, person_id, display_name, locked, "
            + "must_change_password, blocked_until, password_hash, failed_logins";

    private final DataSource dataSource;
    private final PasswordHash passwords;

    @Activate
    public JdbcAccountDirectory(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            IdentityConfig config) {
        this(dataSource, new PasswordHash(config.argon2MemoryKiB(), config.argon2Iterations(), 1, new java.security.SecureRandom()));
    }

    JdbcAccountDirectory(DataSource dataSource, PasswordHash passwords) {
        this.dataSource = dataSource;
        this.passwords = passwords;
    }

    @Override
    public Account create(NewAccount account, String actor) {
        return create(account, actor, null);
    }

    /** As {@link #create(NewAccount, String)}, auditing the actor's client address too (the REST API's). */
    Account create(NewAccount account, String actor, String address) {
        validate(account);
        String hash = passwords.hash(account.initialPassword());
        return inTransaction(connection -> {
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO idn_account (username, registry_no, staff_no, "
                    + "person_id, display_name, password_hash, must_change_password) VALUES (?, ?, ?, ?, ?, ?, TRUE)",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, account.username());
                insert.setString(2, account.registryNumber().orElse(null));
                insert.setString(3, account.staffNumber().orElse(null));
                insert.setString(4, account.personId().orElse(null));
                insert.setString(5, account.displayName().strip());
                insert.setString(6, hash);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            } catch (SQLIntegrityConstraintViolationException e) {
                throw duplicate(account, e);
            }
            for (RoleGrant grant : account.grants()) {
                insertGrant(connection, id, grant);
            }
            AuditTrail.record(connection, actor, "account.create", account.username(), address, "success",
                    "grants " + account.grants());
            return load(connection, account.username()).orElseThrow();
        });
    }

    @Override
    public Optional<Account> find(String login) {
        if (login == null || login.isBlank()) {
            return Optional.empty();
        }
        return inTransaction(connection -> load(connection, login.strip()));
    }

    @Override
    public List<Account> list(String prefix, String afterUsername, int limit) {
        int size = Math.max(1, Math.min(limit, 500));
        return inTransaction(connection -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT username FROM idn_account "
                    + "WHERE username > ? AND username LIKE ? ORDER BY username LIMIT ?")) {
                query.setString(1, afterUsername == null ? "" : afterUsername);
                query.setString(2, escapeLike(prefix == null ? "" : prefix) + "%");
                query.setInt(3, size);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
            }
            List<Account> accounts = new ArrayList<>();
            for (String name : names) {
                load(connection, name).ifPresent(accounts::add);
            }
            return accounts;
        });
    }

    /**
     * Accounts that hold at least one role and only roles inside {@code orgs}' subtrees, in username
     * order after {@code afterUsername}, at most {@code limit}: what an administrator of those orgs may see.
     */
    List<Account> listWithin(List<OrgPath> orgs, String prefix, String afterUsername, int limit) {
        if (orgs.contains(OrgPath.ROOT)) {
            return list(prefix, afterUsername, limit);
        }
        if (orgs.isEmpty()) {
            return List.of();
        }
        StringBuilder inside = new StringBuilder();
        for (int i = 0; i < orgs.size(); i++) {
            inside.append(i == 0 ? "" : " OR ").append("g.org_path = ? OR g.org_path LIKE ?");
        }
        String sql = "SELECT a.username FROM idn_account a WHERE a.username > ? AND a.username LIKE ? "
                + "AND EXISTS (SELECT 1 FROM idn_role_grant g WHERE g.account_id = a.id) "
                + "AND NOT EXISTS (SELECT 1 FROM idn_role_grant g WHERE g.account_id = a.id AND NOT (" + inside + ")) "
                + "ORDER BY a.username LIMIT ?";
        int size = Math.max(1, Math.min(limit, 500));
        return inTransaction(connection -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                int index = 1;
                query.setString(index++, afterUsername == null ? "" : afterUsername);
                query.setString(index++, escapeLike(prefix == null ? "" : prefix) + "%");
                for (OrgPath org : orgs) {
                    query.setString(index++, org.value());
                    query.setString(index++, escapeLike(org.value()) + "/%");
                }
                query.setInt(index, size);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
            }
            List<Account> accounts = new ArrayList<>();
            for (String name : names) {
                load(connection, name).ifPresent(accounts::add);
            }
            return accounts;
        });
    }

    @Override
    public void lock(String username, String actor) {
        lock(username, actor, null);
    }

    void lock(String username, String actor, String address) {
        update(username, "UPDATE idn_account SET locked = TRUE, updated_at = CURRENT_TIMESTAMP(3) WHERE username = ?",
                actor, address, "account.lock");
    }

    @Override
    public void unlock(String username, String actor) {
        unlock(username, actor, null);
    }

    void unlock(String username, String actor, String address) {
        update(username, "UPDATE idn_account SET locked = FALSE, failed_logins = 0, blocked_until = NULL, "
                + "updated_at = CURRENT_TIMESTAMP(3) WHERE username = ?", actor, address, "account.unlock");
    }

    @Override
    public void resetPassword(String username, String temporaryPassword, String actor) {
        resetPassword(username, temporaryPassword, actor, null);
    }

    void resetPassword(String username, String temporaryPassword, String actor, String address) {
        String weakness = PasswordPolicy.weakness(temporaryPassword, username);
        if (weakness != null) {
            throw new AccountProblem(Kind.INVALID, "password", weakness);
        }
        String hash = passwords.hash(temporaryPassword);
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE idn_account SET password_hash = ?, "
                    + "must_change_password = TRUE, failed_logins = 0, blocked_until = NULL, updated_at = CURRENT_TIMESTAMP(3) "
                    + "WHERE username = ?")) {
                update.setString(1, hash);
                update.setString(2, username);
                if (update.executeUpdate() == 0) {
                    throw notFound(username);
                }
            }
            AuditTrail.record(connection, actor, "account.reset-password", username, address, "success", "");
            return null;
        });
    }

    @Override
    public void grant(String username, RoleGrant grant, String actor) {
        grant(username, grant, actor, null);
    }

    void grant(String username, RoleGrant grant, String actor, String address) {
        inTransaction(connection -> {
            Account account = load(connection, username).orElseThrow(() -> notFound(username));
            if (!account.grants().contains(grant)) {
                insertGrant(connection, account.id(), grant);
            }
            AuditTrail.record(connection, actor, "account.grant", username, address, "success", grant.toString());
            return null;
        });
    }

    @Override
    public void revoke(String username, RoleGrant grant, String actor) {
        revoke(username, grant, actor, null);
    }

    void revoke(String username, RoleGrant grant, String actor, String address) {
        inTransaction(connection -> {
            Account account = load(connection, username).orElseThrow(() -> notFound(username));
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM idn_role_grant WHERE account_id = ? AND role = ? AND org_path = ?")) {
                delete.setLong(1, account.id());
                delete.setString(2, grant.role());
                delete.setString(3, grant.org().value());
                if (delete.executeUpdate() == 0) {
                    throw new AccountProblem(Kind.NOT_FOUND, "grant", username + " does not hold " + grant);
                }
            }
            AuditTrail.record(connection, actor, "account.revoke", username, address, "success", grant.toString());
            return null;
        });
    }

    /** The account with this id (the {@code sub} of its tokens). */
    Optional<Account> byId(long id) {
        return inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT username FROM idn_account WHERE id = ?")) {
                query.setLong(1, id);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? load(connection, row.getString(1)) : Optional.<Account>empty();
                }
            }
        });
    }

    /** Sets the password the user chose at a forced change; it need not be changed again. */
    void changeOwnPassword(Account account, String newPassword, String address) {
        String weakness = PasswordPolicy.weakness(newPassword, account.username());
        if (weakness != null) {
            throw new AccountProblem(Kind.INVALID, "password", weakness);
        }
        String hash = passwords.hash(newPassword);
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE idn_account SET password_hash = ?, "
                    + "must_change_password = FALSE, updated_at = CURRENT_TIMESTAMP(3) WHERE id = ?")) {
                update.setString(1, hash);
                update.setLong(2, account.id());
                update.executeUpdate();
            }
            AuditTrail.record(connection, account.username(), "account.change-password", account.username(), address, "success", "");
            return null;
        });
    }

    /** An account with its stored password hash and failure count, in one lookup, for the authenticator. */
    Optional<StoredCredentials> credentials(String login) {
        return inTransaction(connection -> lookup(connection, login));
    }

    DataSource dataSource() {
        return dataSource;
    }

    PasswordHash passwords() {
        return passwords;
    }

    /** A login's stored secret, never leaves this package. */
    record StoredCredentials(Account account, String passwordHash, int failedLogins) {
    }

    private void update(String username, String sql, String actor, String address, String action) {
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setString(1, username);
                if (update.executeUpdate() == 0) {
                    throw notFound(username);
                }
            }
            AuditTrail.record(connection, actor, action, username, address, "success", "");
            return null;
        });
    }

    private static void validate(NewAccount account) {
        if (account.username() == null || !USERNAME.matcher(account.username()).matches()) {
            throw new AccountProblem(Kind.INVALID, "username", "username '" + account.username()
                    + "' is not valid: use 3–64 letters, digits, '.', '_' or '-'");
        }
        if (account.displayName() == null || account.displayName().isBlank() || account.displayName().length() > 100) {
            throw new AccountProblem(Kind.INVALID, "displayName", "displayName is required (at most 100 characters)");
        }
        account.registryNumber().filter(n -> !NUMBER.matcher(n).matches()).ifPresent(n -> {
            throw new AccountProblem(Kind.INVALID, "registryNumber", "registry number '" + n + "' is not valid: 4–32 letters, digits or '-'");
        });
        account.staffNumber().filter(n -> !NUMBER.matcher(n).matches()).ifPresent(n -> {
            throw new AccountProblem(Kind.INVALID, "staffNumber", "staff number '" + n + "' is not valid: 4–32 letters, digits or '-'");
        });
        String weakness = PasswordPolicy.weakness(account.initialPassword(), account.username());
        if (weakness != null) {
            throw new AccountProblem(Kind.INVALID, "initialPassword", weakness);
        }
    }

    private static AccountProblem duplicate(NewAccount account, SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("registry_no")) {
            return new AccountProblem(Kind.CONFLICT, "registryNumber", "registry number " + account.registryNumber().orElse("")
                    + " already belongs to another account");
        }
        if (message.contains("staff_no")) {
            return new AccountProblem(Kind.CONFLICT, "staffNumber", "staff number " + account.staffNumber().orElse("")
                    + " already belongs to another account");
        }
        return new AccountProblem(Kind.CONFLICT, "username", "username " + account.username() + " is taken; choose another");
    }

    private static AccountProblem notFound(String username) {
        return new AccountProblem(Kind.NOT_FOUND, "username", "no account " + username);
    }

    private static void insertGrant(Connection connection, long accountId, RoleGrant grant) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO idn_role_grant (account_id, role, org_path) VALUES (?, ?, ?)")) {
            insert.setLong(1, accountId);
            insert.setString(2, grant.role());
            insert.setString(3, grant.org().value());
            insert.executeUpdate();
        }
    }

    private static Optional<Account> load(Connection connection, String login) throws SQLException {
        return lookup(connection, login).map(StoredCredentials::account);
    }

    private static Optional<StoredCredentials> lookup(Connection connection, String login) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM idn_account "
                + "WHERE username = ? OR registry_no = ? OR staff_no = ? ORDER BY username = ? DESC LIMIT 1")) {
            for (int i = 1; i <= 4; i++) {
                query.setString(i, login);
            }
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                for (String column : COLUMNS.split(", ")) {
                    row.put(column, rows.getObject(column));
                }
            }
        }
        long id = ((Number) row.get("id")).longValue();
        List<RoleGrant> grants = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT role, org_path FROM idn_role_grant WHERE account_id = ? ORDER BY org_path, role")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    grants.add(new RoleGrant(rows.getString(1), OrgPath.of(rows.getString(2))));
                }
            }
        }
        Timestamp blocked = (Timestamp) row.get("blocked_until");
        return Optional.of(new StoredCredentials(new Account(id, (String) row.get("username"), Optional.ofNullable((String) row.get("registry_no")),
                Optional.ofNullable((String) row.get("staff_no")), Optional.ofNullable((String) row.get("person_id")),
                (String) row.get("display_name"), Boolean.TRUE.equals(bool(row.get("locked"))),
                Boolean.TRUE.equals(bool(row.get("must_change_password"))),
                Optional.ofNullable(blocked).map(Timestamp::toInstant), grants),
                (String) row.get("password_hash"), ((Number) row.get("failed_logins")).intValue()));
    }

    private static Boolean bool(Object value) {
        return value instanceof Boolean b ? b : value instanceof Number n ? n.intValue() != 0 : Boolean.FALSE;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    <T> T inTransaction(Transactions.Work<T> work) {
        return Transactions.inTransaction(dataSource, work);
    }
}
