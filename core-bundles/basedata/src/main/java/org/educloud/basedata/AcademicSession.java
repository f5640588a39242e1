package org.educloud.basedata;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A school year or a term. On create, {@code orgPath}, {@code version} and the timestamps are ignored.
 *
 * @param sourcedId   the stable id; generated when empty on create
 * @param orgId       the org that defines it: the province for the whole region, or a school
 * @param orgPath     that org's path
 * @param title       e.g. 2018学年 or 2018学年上学期
 * @param sessionType schoolYear, semester, term or gradingPeriod
 * @param schoolYear  the year the school year starts in (2018 for 2018学年)
 * @param startDate   its first day
 * @param endDate     its last day
 * @param parentId    the school year a term belongs to; null for a school year
 * @param version     incremented by every update
 * @param createdAt   when it was created
 * @param updatedAt   when it last changed
 */
public record AcademicSession(String sourcedId, String orgId, String orgPath, String title, String sessionType, Integer schoolYear,
        LocalDate startDate, LocalDate endDate, String parentId, int version, Instant createdAt, Instant updatedAt) {
}
