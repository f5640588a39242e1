package org.educloud.basedata;

import java.util.Optional;

import org.educloud.identity.Caller;

/**
 * School years, terms and courses. Permissions: {@code basedata:sessions:read|write} and
 * {@code basedata:courses:read|write} at the defining org or above it. Methods throw {@link BasedataProblem}.
 */
public interface Curriculum {

    /** Creates a school year or a term. */
    AcademicSession createSession(Caller caller, AcademicSession session);

    /** The session with this sourced id. */
    Optional<AcademicSession> findSession(Caller caller, String sourcedId);

    /** Replaces a session's title, type, year, dates and parent; its org stays. */
    AcademicSession updateSession(Caller caller, String sourcedId, Integer expectedVersion, AcademicSession session);

    /** Deletes a session no term, course or class refers to any more. */
    void deleteSession(Caller caller, String sourcedId, Integer expectedVersion);

    /** Sessions in a stable order; only those the org defines when {@code orgId} is not null. */
    Page<AcademicSession> sessions(Caller caller, ListQuery query, String orgId);

    /** Creates a course. */
    Course createCourse(Caller caller, Course course);

    /** The course with this sourced id. */
    Optional<Course> findCourse(Caller caller, String sourcedId);

    /** Replaces a course's data; its org stays. */
    Course updateCourse(Caller caller, String sourcedId, Integer expectedVersion, Course course);

    /** Deletes a course no class refers to any more. */
    void deleteCourse(Caller caller, String sourcedId, Integer expectedVersion);

    /** Courses in a stable order; only the org's when {@code orgId} is not null. */
    Page<Course> courses(Caller caller, ListQuery query, String orgId);
}
