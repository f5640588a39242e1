package org.educloud.basedata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** GB 11643 check digits, on the standard's own examples and on numbers with one thing wrong. */
class NationalIdTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "11010519491231002X", // GB 11643-1999's example, check digit X
        "440524188001010014", // GB 11643-1999's second example, born 1880
        "370102200505050010",
        "370781201109160026",
    })
    void validNumbersPass(String number) {
        assertNull(NationalId.problem(number), number);
        assertEquals(number, new NationalId(number).value());
    }

    @Test
    void aLowerCaseXAndBlanksAreAcceptedWhenParsed() {
        assertEquals("11010519491231002X", NationalId.parse(" 11010519491231002x ").value());
    }

    @Test
    void theCheckDigitIsComputedPerIso7064() {
        assertEquals('X', NationalId.checkDigit("11010519491231002"));
        assertEquals('4', NationalId.checkDigit("44052418800101001"));
        assertEquals('0', NationalId.checkDigit("37010220050505001"));
    }

    @Test
    void aMistypedDigitFailsTheCheckAndSaysWhatTheLastCharacterShouldBe() {
        String problem = NationalId.problem("110105194912310021");
        assertTrue(problem.contains("should be X"), problem);
        assertTrue(NationalId.problem("370102200505050018").contains("GB 11643"));
        // two digits swapped: the weights differ, so the check catches it
        assertTrue(NationalId.problem("370120200505050010").contains("GB 11643"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "37010220050505001", "3701022005050500177", "37010220050505001A", "A70102200505050017",
        "370102200513010017", "370102200502300017", "370102210001010017"})
    void malformedNumbersAreRefusedWithAReason(String number) {
        String problem = NationalId.problem(number);
        assertFalse(problem == null || problem.isBlank(), number);
        assertThrows(IllegalArgumentException.class, () -> new NationalId(number));
    }

    @Test
    void aFirstGenerationNumberIsNamedAsSuch() {
        assertTrue(NationalId.problem("370102800101001").contains("15-digit"));
    }

    @Test
    void theNumberCarriesBirthDateAndSex() {
        NationalId id = new NationalId("11010519491231002X");
        assertEquals(LocalDate.of(1949, 12, 31), id.birthDate());
        assertFalse(id.male(), "17th digit 2 is even: a woman");
        assertTrue(new NationalId("440524188001010014").male());
    }

    @Test
    void maskingKeepsTheFirstAndLastFour() {
        NationalId id = new NationalId("370102200505050010");
        assertEquals("3701**********0010", id.masked());
        assertEquals(18, id.masked().length());
        assertEquals(id.masked(), id.toString(), "a number never lands whole in a log by accident");
    }
}
