package org.educloud.basedata;

import java.time.Instant;

/**
 * A class of a school. On create, {@code orgPath}, {@code version} and the timestamps are ignored.
 *
 * @param sourcedId the stable id; generated when empty on create
 * @param schoolId  the school's sourced id
 * @param orgPath   the school's path
 * @param title     e.g. 2017级02班
 * @param classCode the school's own code for it, e.g. 2017-02
 * @param classType homeroom (行政班) or scheduled (教学班)
 * @param gradeCode the grade level, e.g. 11 for 高二 (see the grade codes)
 * @param entryYear the year its students entered (the 2017 of 2017级)
 * @param sessionId the school year or term it runs in, if any
 * @param courseId  the course a scheduled class teaches, if any
 * @param version   incremented by every update
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record SchoolClass(String sourcedId, String schoolId, String orgPath, String title, String classCode, String classType,
        String gradeCode, Integer entryYear, String sessionId, String courseId, int version, Instant createdAt, Instant updatedAt) {
}
