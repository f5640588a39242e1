package org.educloud.identity.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void lengthMattersNotComposition() {
        assertNull(PasswordPolicy.weakness("泰山日出东海观潮正好时节", "wang.li"), "twelve CJK characters pass");
        assertNull(PasswordPolicy.weakness("correct horse battery", "wang.li"));
        assertNotNull(PasswordPolicy.weakness("Sh0rt!pass", "wang.li"));
    }

    @Test
    void theUsernameCommonPasswordsAndRepeatsAreRefused() {
        assertNotNull(PasswordPolicy.weakness("wang.li-is-my-password", "wang.li"));
        assertNotNull(PasswordPolicy.weakness("password1234", "wang.li"));
        assertNotNull(PasswordPolicy.weakness("aaaaaaaaaaaaaaaa", "wang.li"));
        assertNotNull(PasswordPolicy.weakness(null, "wang.li"));
    }
}
