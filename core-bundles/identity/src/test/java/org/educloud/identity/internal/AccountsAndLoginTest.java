package org.educloud.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.educloud.identity.Account;
import org.educloud.identity.AccountProblem;
import org.educloud.identity.NewAccount;
import org.educloud.identity.RoleGrant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Accounts and logins against a real MariaDB with the identity changelog applied. */
class AccountsAndLoginTest {

    private static final String PASSWORD = "correct horse battery";
    private DataSource dataSource;
    private JdbcAccountDirectory accounts;
    private Authenticator authenticator;

    @BeforeEach
    void freshDatabase() throws Exception {
        dataSource = IdentityDatabase.fresh("educloud_identity_unit");
        accounts = new JdbcAccountDirectory(dataSource, new PasswordHash(1024, 1, 1, new SecureRandom()));
        authenticator = new Authenticator(accounts,
                new LoginThrottle(3, Duration.ofSeconds(30), Duration.ofSeconds(300), Clock.systemUTC()),
                new LoginThrottle(10, Duration.ofSeconds(30), Duration.ofSeconds(300), Clock.systemUTC()),
                new AuditTrail(dataSource));
        accounts.create(new NewAccount("zhang.wei", "张伟", PASSWORD, Optional.of("G370102201001011234"), Optional.empty(),
                Optional.empty(), List.of(RoleGrant.parse("student@/37/3701/370102/3701020001"))), "operator");
    }

    @Test
    void anAccountIsFoundByUsernameRegistryNumberAndCaseInsensitively() {
        Account account = accounts.find("G370102201001011234").orElseThrow();
        assertEquals("zhang.wei", account.username());
        assertEquals("张伟", account.displayName());
        assertTrue(account.mustChangePassword());
        assertEquals(List.of(RoleGrant.parse("student@/37/3701/370102/3701020001")), account.grants());
        assertEquals(account.id(), accounts.find("ZHANG.WEI").orElseThrow().id());
    }

    @Test
    void badOrDuplicateInputIsRefusedNamingTheFieldAndNothingIsWritten() throws Exception {
        AccountProblem weak = assertThrows(AccountProblem.class,
                () -> accounts.create(NewAccount.of("li.na", "李娜", "short", List.of()), "operator"));
        assertEquals("initialPassword", weak.field());
        AccountProblem taken = assertThrows(AccountProblem.class,
                () -> accounts.create(NewAccount.of("zhang.wei", "张伟", PASSWORD, List.of()), "operator"));
        assertEquals(AccountProblem.Kind.CONFLICT, taken.kind());
        AccountProblem sameRegistry = assertThrows(AccountProblem.class, () -> accounts.create(new NewAccount("zhang.wei2", "张伟",
                PASSWORD, Optional.of("G370102201001011234"), Optional.empty(), Optional.empty(), List.of()), "operator"));
        assertEquals("registryNumber", sameRegistry.field());
        assertEquals(1, count("SELECT COUNT(*) FROM idn_account"));
    }

    @Test
    void theRightPasswordLogsInAndSaysItMustBeChanged() {
        Authenticator.Outcome outcome = authenticator.authenticate("G370102201001011234", PASSWORD, "10.1.1.1");
        Authenticator.Success success = assertInstanceOf(Authenticator.Success.class, outcome);
        assertTrue(success.mustChangePassword());
    }

    @Test
    void repeatedFailuresBlockTheAccountAndAnUnknownNameLooksTheSame() throws Exception {
        assertInstanceOf(Authenticator.Refused.class, authenticator.authenticate("zhang.wei", "wrong password 1", "10.1.1.1"));
        assertInstanceOf(Authenticator.Refused.class, authenticator.authenticate("zhang.wei", "wrong password 2", "10.1.1.2"));
        assertInstanceOf(Authenticator.Blocked.class, authenticator.authenticate("zhang.wei", "wrong password 3", "10.1.1.3"));
        assertInstanceOf(Authenticator.Blocked.class, authenticator.authenticate("zhang.wei", PASSWORD, "10.1.1.4"),
                "even the right password waits for the block to end");
        assertTrue(accounts.find("zhang.wei").orElseThrow().blockedUntil().isPresent(), "the block is in the database for every node");

        assertInstanceOf(Authenticator.Refused.class, authenticator.authenticate("nobody", "wrong password 1", "10.1.1.5"));
        assertInstanceOf(Authenticator.Refused.class, authenticator.authenticate("nobody", "wrong password 2", "10.1.1.6"));
        assertInstanceOf(Authenticator.Blocked.class, authenticator.authenticate("nobody", "wrong password 3", "10.1.1.7"));

        accounts.unlock("zhang.wei", "operator");
        assertInstanceOf(Authenticator.Blocked.class, authenticator.authenticate("zhang.wei", PASSWORD, "10.1.1.8"),
                "the node's own memory still blocks the name until the block ends");
        assertEquals(5, count("SELECT COUNT(*) FROM idn_audit_event WHERE action = 'login' AND target = 'zhang.wei'"), "every attempt is audited");
    }

    @Test
    void aLockedAccountIsRefusedLikeAWrongPassword() {
        accounts.lock("zhang.wei", "operator");
        assertInstanceOf(Authenticator.Refused.class, authenticator.authenticate("zhang.wei", PASSWORD, "10.1.1.1"));
        accounts.unlock("zhang.wei", "operator");
        assertInstanceOf(Authenticator.Success.class, authenticator.authenticate("zhang.wei", PASSWORD, "10.1.1.1"));
    }

    @Test
    void grantsAndPasswordResetsAreAudited() throws Exception {
        accounts.grant("zhang.wei", RoleGrant.parse("class-monitor@/37/3701/370102/3701020001"), "operator");
        accounts.revoke("zhang.wei", RoleGrant.parse("student@/37/3701/370102/3701020001"), "operator");
        accounts.resetPassword("zhang.wei", "another long password", "operator");

        assertEquals(List.of(RoleGrant.parse("class-monitor@/37/3701/370102/3701020001")), accounts.find("zhang.wei").orElseThrow().grants());
        assertFalse(accounts.passwords().verify(PASSWORD, accounts.credentials("zhang.wei").orElseThrow().passwordHash()));
        assertEquals(4, count("SELECT COUNT(*) FROM idn_audit_event WHERE actor = 'operator'"));
        assertThrows(AccountProblem.class, () -> accounts.revoke("zhang.wei", RoleGrant.parse("student@/37"), "operator"));
    }

    @Test
    void listingPagesByUsername() {
        accounts.create(NewAccount.of("zhang.li", "张丽", PASSWORD, List.of()), "operator");
        accounts.create(NewAccount.of("wang.fang", "王芳", PASSWORD, List.of()), "operator");

        assertEquals(List.of("wang.fang", "zhang.li"), accounts.list("", "", 2).stream().map(Account::username).toList());
        assertEquals(List.of("zhang.wei"), accounts.list("", "zhang.li", 2).stream().map(Account::username).toList());
        assertEquals(List.of("zhang.li", "zhang.wei"), accounts.list("zhang", "", 10).stream().map(Account::username).toList());
    }

    private long count(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
