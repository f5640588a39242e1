package org.educloud.basedata;

import java.time.Instant;

/**
 * One entry of the change feed.
 *
 * @param cursor    its position: strictly increasing, committed in order
 * @param entity    org, student, teacher, guardian, staff, guardianRelation, academicSession, course, class or enrollment
 * @param sourcedId the row's sourced id
 * @param operation create, update or delete
 * @param version   the row's version after the change
 * @param orgPath   the org path the row belongs to
 * @param at        when it happened
 */
public record Change(long cursor, String entity, String sourcedId, String operation, int version, String orgPath, Instant at) {
}
