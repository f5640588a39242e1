package org.educloud.basedata;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A resident identity card number (居民身份证号, GB 11643-1999): six digits of the issuing
 * region, the birth date as eight digits, a three-digit sequence whose last digit is odd for men
 * and even for women, and a check digit (ISO 7064 MOD 11-2, {@code X} for ten).
 *
 * @param value the 18 characters, with an upper-case {@code X} where the check digit is ten
 */
public record NationalId(String value) {

    private static final ZoneOffset LATEST = ZoneOffset.ofHours(14);
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_DIGITS = "10X98765432";

    /**
     * @throws IllegalArgumentException saying what is wrong when the number is not a valid 18-digit number
     */
    public NationalId {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Parses a number as typed: surrounding blanks are ignored and a lower-case {@code x} is accepted. */
    public static NationalId parse(String text) {
        return new NationalId(text == null ? null : text.strip().toUpperCase(java.util.Locale.ROOT));
    }

    /** What is wrong with {@code value} as an ID number and how to fix it, or null when it is valid. */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "the ID number is empty: give the 18 characters of the resident identity card";
        }
        if (value.length() == 15 && value.chars().allMatch(Character::isDigit)) {
            return "ID number " + value + " is a 15-digit first-generation number: give the 18-digit number of the current card";
        }
        if (!wellShaped(value)) {
            return "ID number '" + value + "' is not 17 digits followed by a digit or X (it has " + value.length() + " characters)";
        }
        try {
            LocalDate birth = LocalDate.of(digits(value, 6, 10), digits(value, 10, 12), digits(value, 12, 14));
            // Today where it is latest (UTC+14): no newborn is refused in any time zone, and no zone is looked up per number.
            if (birth.getYear() < 1880 || birth.isAfter(LocalDate.now(LATEST))) {
                return "ID number " + value + " has the birth date " + birth + ", which cannot be right: check digits 7-14";
            }
        } catch (DateTimeException e) {
            return "ID number " + value + " has no valid birth date in digits 7-14 (" + value.substring(6, 14) + ")";
        }
        char expected = checkDigit(value); // reads the first 17 only
        if (value.charAt(17) != expected) {
            return "ID number " + value + " fails the GB 11643 check: its last character should be " + expected
                    + " for these 17 digits; a digit was probably mistyped";
        }
        return null;
    }

    /** [1-9][0-9]{16}[0-9X], without a regular expression: a bulk import checks millions. */
    private static boolean wellShaped(String value) {
        if (value.length() != 18 || value.charAt(0) < '1' || value.charAt(0) > '9') {
            return false;
        }
        for (int i = 1; i < 17; i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        char last = value.charAt(17);
        return last == 'X' || (last >= '0' && last <= '9');
    }

    /** The number the digits from {@code start} to {@code end} (exclusive) of a well-shaped value make. */
    private static int digits(String value, int start, int end) {
        int number = 0;
        for (int i = start; i < end; i++) {
            number = number * 10 + value.charAt(i) - '0';
        }
        return number;
    }

    /** The check digit of the first 17 digits. */
    public static char checkDigit(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_DIGITS.charAt(sum % 11);
    }

    /** The birth date the number carries. */
    public LocalDate birthDate() {
        return LocalDate.of(digits(value, 6, 10), digits(value, 10, 12), digits(value, 12, 14));
    }

    /** True for a man (odd 17th digit). */
    public boolean male() {
        return (value.charAt(16) - '0') % 2 == 1;
    }

    /** The form shown to those who may not see the whole number: {@code 3701**********1234}. */
    public String masked() {
        return value.substring(0, 4) + "**********" + value.substring(14);
    }

    /** The masked form, so a number never lands whole in a log by accident. */
    @Override
    public String toString() {
        return masked();
    }
}
