package org.educloud.basedata;

import java.time.Instant;

/**
 * A guardian of a student. On create, {@code guardianName}, {@code orgPath}, {@code version} and the timestamps are ignored.
 *
 * @param sourcedId      the stable id; generated when empty on create
 * @param guardianId     the guardian's sourced id (a person with the role guardian)
 * @param studentId      the student's sourced id
 * @param relationCode   the family relation, a two-digit GB/T 4761 code: 51 father, 52 mother, 61 paternal
 *                       grandfather, 62 paternal grandmother, 63 maternal grandfather, 64 maternal grandmother, ...
 * @param primaryContact the one to call first
 * @param guardianName   the guardian's name, for display
 * @param orgPath        the student's org path
 * @param version        incremented by every update
 * @param createdAt      when it was created
 * @param updatedAt      when it last changed
 */
public record GuardianRelation(String sourcedId, String guardianId, String studentId, String relationCode,
        boolean primaryContact, String guardianName, String orgPath, int version, Instant createdAt, Instant updatedAt) {
}
