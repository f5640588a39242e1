package org.educloud.sdk.basedata;

import java.util.List;
import java.util.Optional;

import org.educloud.sdk.app.NotGrantedException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Read-only base data, limited to what the view's org grants (and user) allow. Lookups of things
 * outside the view find nothing; listing an org or class outside it throws
 * {@link NotGrantedException}.
 */
@ProviderType
public interface BasicDataView {

    /** The orgs this view reaches (the schools, or districts, that installed the app and granted it base data). */
    List<Org> orgs();

    /** The current user's own person record; empty in an app view, or when the user's account is not linked to one. */
    Optional<Person> me();

    /** A person by id, when the view reaches them. */
    Optional<Person> person(String personId);

    /** A class by id, when the view reaches it. */
    Optional<SchoolClass> schoolClass(String classId);

    /**
     * The classes of a school, by title.
     *
     * @throws NotGrantedException when the school is outside the view
     */
    List<SchoolClass> classes(String schoolId);

    /** The classes a person is enrolled in (a student's class, a teacher's classes), within the view. */
    List<SchoolClass> classesOf(String personId);

    /**
     * Who is in a class: students and teachers with their role in it.
     *
     * @throws NotGrantedException when the class is outside the view
     */
    List<Member> members(String classId);

    /** The students a guardian is a guardian of, within the view. */
    List<Person> childrenOf(String guardianId);
}
