package org.educloud.sdk.basedata;

/**
 * A person in a class.
 *
 * @param person         who
 * @param role           {@code student}, {@code teacher}, {@code administrator} or {@code aide}
 * @param primaryTeacher the class's head teacher (班主任) or main teacher
 */
public record Member(Person person, String role, boolean primaryTeacher) {
}
