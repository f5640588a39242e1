package org.educloud.basedata;

import java.time.Instant;

/**
 * A course an org offers. On create, {@code orgPath}, {@code version} and the timestamps are ignored.
 *
 * @param sourcedId   the stable id; generated when empty on create
 * @param orgId       the school (or bureau) that offers it
 * @param orgPath     that org's path
 * @param title       e.g. 高中语文必修1
 * @param courseCode  the org's own code for it
 * @param subjectCode the subject, e.g. the national subject code
 * @param gradeCode   the grade level it is for (see the grade codes)
 * @param sessionId   the school year it runs in, when it is tied to one
 * @param version     incremented by every update
 * @param createdAt   when it was created
 * @param updatedAt   when it last changed
 */
public record Course(String sourcedId, String orgId, String orgPath, String title, String courseCode, String subjectCode,
        String gradeCode, String sessionId, int version, Instant createdAt, Instant updatedAt) {
}
