package org.educloud.identity.internal;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.educloud.identity.Account;
import org.educloud.identity.internal.JdbcAccountDirectory.StoredCredentials;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Checks a login and password. Failures are throttled per account (in the database, so every
 * kernel node sees them) and per client address; a wrong password, an unknown login and a
 * locked account all get the same answer, and an unknown login costs the same hashing time.
 */
@Component(service = Authenticator.class, configurationPid = IdentityConfig.PID)
public final class Authenticator {

    /** The outcome of a login attempt. */
    public sealed interface Outcome permits Success, Refused, Blocked {
    }

    /** Logged in; {@code mustChangePassword} says the next step is a new password. */
    public record Success(Account account, boolean mustChangePassword) implements Outcome {
    }

    /** Wrong login or password (or a locked account): the same answer for all three. */
    public record Refused() implements Outcome {
    }

    /** Too many failures: try again after {@code retryAfter}. */
    public record Blocked(Instant retryAfter) implements Outcome {
    }

    private final JdbcAccountDirectory accounts;
    private final LoginThrottle byLogin;
    private final LoginThrottle byAddress;
    private final AuditTrail audit;
    // Made at the first login, known user or not (so that it tells nothing), not at activation: an Argon2 hash
    // takes a few hundred milliseconds of CPU, and this component is activated while the kernel boots.
    private volatile String decoyHash;

    @Activate
    public Authenticator(@Reference(name = "accounts") JdbcAccountDirectory accounts, IdentityConfig config) {
        this(accounts, new LoginThrottle(config.lockoutThreshold(), Duration.ofSeconds(config.lockoutBaseSeconds()),
                        Duration.ofSeconds(config.lockoutMaxSeconds()), Clock.systemUTC()),
                new LoginThrottle(config.addressLockoutThreshold(), Duration.ofSeconds(config.lockoutBaseSeconds()),
                        Duration.ofSeconds(config.lockoutMaxSeconds()), Clock.systemUTC()),
                new AuditTrail(accounts.dataSource()));
    }

    Authenticator(JdbcAccountDirectory accounts, LoginThrottle byLogin, LoginThrottle byAddress, AuditTrail audit) {
        this.accounts = accounts;
        this.byLogin = byLogin;
        this.byAddress = byAddress;
        this.audit = audit;
    }

    /** The hash an unknown login's password is checked against, so that it takes as long as a known one's. */
    private String decoy() {
        String decoy = decoyHash;
        if (decoy == null) {
            synchronized (this) {
                if (decoyHash == null) {
                    decoyHash = accounts.passwords().hash("decoy password that matches nothing");
                }
                decoy = decoyHash;
            }
        }
        return decoy;
    }

    Outcome authenticate(String login, String password, String address) {
        String decoy = decoy();
        String key = login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
        Instant blocked = later(byLogin.blockedUntil(key), byAddress.blockedUntil(address));
        Optional<StoredCredentials> credentials = accounts.credentials(key);
        Optional<Account> account = credentials.map(StoredCredentials::account);
        Instant stored = account.flatMap(Account::blockedUntil).filter(t -> t.isAfter(Instant.now())).orElse(null);
        blocked = later(blocked, stored);
        if (blocked != null) {
            audit.record(key, "login", key, address, "blocked", "retry after " + blocked);
            return new Blocked(blocked);
        }
        boolean matches = accounts.passwords().verify(password == null ? "" : password,
                credentials.map(StoredCredentials::passwordHash).orElse(decoy)) && credentials.isPresent();
        if (matches && !account.get().locked()) {
            byLogin.succeed(key);
            byAddress.succeed(address);
            recordSuccess(account.get());
            audit.record(account.get().username(), "login", account.get().username(), address, "success", "");
            return new Success(account.get(), account.get().mustChangePassword());
        }
        Instant now = later(byLogin.fail(key), byAddress.fail(address));
        credentials.ifPresent(c -> recordFailure(c, now));
        audit.record(key, "login", key, address, "failure", account.isPresent() && account.get().locked() && matches
                ? "account locked" : "wrong login or password");
        return now != null ? new Blocked(now) : new Refused();
    }

    private void recordSuccess(Account account) {
        accounts.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE idn_account SET failed_logins = 0, blocked_until = NULL WHERE id = ?")) {
                update.setLong(1, account.id());
                update.executeUpdate();
            }
            return null;
        });
    }

    private void recordFailure(StoredCredentials credentials, Instant blockedUntil) {
        Instant accountBlock = later(blockedUntil, byLogin.block(credentials.failedLogins() + 1));
        accounts.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE idn_account SET failed_logins = failed_logins + 1, blocked_until = ? WHERE username = ?")) {
                update.setTimestamp(1, accountBlock == null ? null : Timestamp.from(accountBlock));
                update.setString(2, credentials.account().username());
                update.executeUpdate();
            }
            return null;
        });
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
