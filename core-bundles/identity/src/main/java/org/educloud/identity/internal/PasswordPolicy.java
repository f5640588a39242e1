package org.educloud.identity.internal;

import java.util.Locale;
import java.util.Set;

/**
 * What a password must be (NIST SP 800-63B style: length over composition rules): at least 12
 * characters, at most 128, not the username, and not one of the passwords every attacker tries first.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    private static final Set<String> COMMON = Set.of("123456789012", "password1234", "qwertyuiop12", "111111111111",
            "123123123123", "abc123456789", "000000000000", "iloveyou1234", "1234567890ab", "passw0rd1234",
            "admin1234567", "educloud1234", "a12345678901", "welcome12345");

    private PasswordPolicy() {
    }

    /** Why the password is not acceptable, or null when it is. */
    static String weakness(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "a password needs at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "a password can have at most " + MAX_LENGTH + " characters";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return "a password must not contain the username";
        }
        if (COMMON.contains(lower) || password.chars().distinct().count() < 4) {
            return "this password is too easy to guess; choose a longer phrase";
        }
        return null;
    }
}
