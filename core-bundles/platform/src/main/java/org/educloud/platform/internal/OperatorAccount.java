package org.educloud.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The operator's shell login in Karaf's {@code etc/users.properties}. The distribution ships no
 * user at all; at first start one operator is created with a password the operator chose (the
 * launcher asks for it) or, unattended, a generated one written to a file only its owner can read.
 */
final class OperatorAccount {

    static final String USER = "operator";
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final String ADMIN_GROUP = "_g_:admingroup";
    private static final Pattern USER_LINE = Pattern.compile("^\\s*(?!#)(?!_g_\\\\?:)[^=\\s]+\\s*=.*");
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private OperatorAccount() {
    }

    /** Whether the users file already names a login (any line that is not a comment or a group). */
    static boolean anyUser(List<String> usersFileLines) {
        return usersFileLines.stream().anyMatch(line -> USER_LINE.matcher(line).matches());
    }

    /** Why {@code password} cannot be the operator's, or null when it can. */
    static String weakness(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            return "it has " + password.length() + " characters; use at least " + MIN_PASSWORD_LENGTH;
        }
        if (password.isBlank() || password.chars().distinct().count() < 4) {
            return "it repeats too few characters";
        }
        return null;
    }

    static String generatePassword(SecureRandom random) {
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return password.toString();
    }

    /** The users.properties line for the operator, given the stored (hashed, wrapped) password. */
    static String userLine(String storedPassword) {
        return USER + " = " + storedPassword + "," + ADMIN_GROUP;
    }

    static void append(Path usersFile, String line) throws IOException {
        Files.writeString(usersFile, System.lineSeparator() + line + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content + System.lineSeparator(), StandardCharsets.UTF_8);
    }
}
