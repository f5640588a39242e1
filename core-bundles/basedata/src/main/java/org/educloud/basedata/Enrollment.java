package org.educloud.basedata;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person in a class with a role. On create, {@code orgPath}, {@code version} and the timestamps are ignored.
 *
 * @param sourcedId      the stable id; generated when empty on create
 * @param classId        the class's sourced id
 * @param personId       the person's sourced id
 * @param role           student, teacher, administrator or aide
 * @param primaryTeacher the class's head teacher (班主任) or main teacher
 * @param beginDate      from when
 * @param endDate        until when; null while it lasts
 * @param orgPath        the class's school path
 * @param version        incremented by every update
 * @param createdAt      when it was created
 * @param updatedAt      when it last changed
 */
public record Enrollment(String sourcedId, String classId, String personId, String role, boolean primaryTeacher,
        LocalDate beginDate, LocalDate endDate, String orgPath, int version, Instant createdAt, Instant updatedAt) {
}
