package org.educloud.basedata;

import java.util.Optional;

import org.educloud.identity.Caller;

/**
 * Classes and who is in them. Permissions: {@code basedata:classes:read|write} and
 * {@code basedata:enrollments:read|write} at the class's school or above it. Methods throw
 * {@link BasedataProblem}.
 */
public interface ClassRoster {

    /** Creates a class of a school. */
    SchoolClass createClass(Caller caller, SchoolClass schoolClass);

    /** The class with this sourced id. */
    Optional<SchoolClass> findClass(Caller caller, String sourcedId);

    /** Replaces a class's data; its school stays. */
    SchoolClass updateClass(Caller caller, String sourcedId, Integer expectedVersion, SchoolClass schoolClass);

    /** Deletes a class nobody is enrolled in any more. */
    void deleteClass(Caller caller, String sourcedId, Integer expectedVersion);

    /** Classes in a stable order; only the school's when {@code schoolId} is not null. */
    Page<SchoolClass> classes(Caller caller, ListQuery query, String schoolId);

    /** Puts a person in a class with a role. */
    Enrollment enroll(Caller caller, Enrollment enrollment);

    /** The enrollment with this sourced id. */
    Optional<Enrollment> findEnrollment(Caller caller, String sourcedId);

    /** Changes an enrollment's role, head-teacher flag and dates; its class and person stay. */
    Enrollment updateEnrollment(Caller caller, String sourcedId, Integer expectedVersion, Enrollment enrollment);

    /** Deletes an enrollment. */
    void deleteEnrollment(Caller caller, String sourcedId, Integer expectedVersion);

    /** Enrollments in a stable order; only the class's or the person's when those are not null. */
    Page<Enrollment> enrollments(Caller caller, ListQuery query, String classId, String personId);
}
