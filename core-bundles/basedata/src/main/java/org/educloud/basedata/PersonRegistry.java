package org.educloud.basedata;

import java.util.Optional;

import org.educloud.identity.Caller;

/**
 * The region's people and students' guardians. Permissions are per role: {@code basedata:students:read},
 * {@code basedata:teachers:write}, {@code basedata:guardians:read}, {@code basedata:staff:read} and so on,
 * at the person's org or above it. Whole ID numbers need {@code basedata:idnumbers:read} there too,
 * and each one shown is audited. Methods throw {@link BasedataProblem}.
 */
public interface PersonRegistry {

    /** Creates a person; a student with a status when one is given. */
    Person create(Caller caller, Person person);

    /**
     * The person with this sourced id, when the caller may read them.
     *
     * @param wholeIdNumber return the whole ID number (refused unless the caller may see it; audited)
     */
    Optional<Person> find(Caller caller, String sourcedId, boolean wholeIdNumber);

    /** Replaces a person's data (and a student's status); the role and the sourced id stay. */
    Person update(Caller caller, String sourcedId, Integer expectedVersion, Person person);

    /** Deletes a person who is in no class and no guardian relation any more. */
    void delete(Caller caller, String sourcedId, Integer expectedVersion);

    /**
     * People in a stable order.
     *
     * @param role          only this role, when not null
     * @param idNumber      only the person with this ID number, when not null
     * @param wholeIdNumber as for {@link #find}
     */
    Page<Person> list(Caller caller, ListQuery query, PersonRole role, NationalId idNumber, boolean wholeIdNumber);

    /** Makes a person a student's guardian. */
    GuardianRelation relate(Caller caller, GuardianRelation relation);

    /** The relation with this sourced id. */
    Optional<GuardianRelation> relation(Caller caller, String sourcedId);

    /** Ends a guardian relation. */
    void unrelate(Caller caller, String sourcedId, Integer expectedVersion);

    /** Guardian relations in a stable order; only the student's when {@code studentId} is not null. */
    Page<GuardianRelation> relations(Caller caller, ListQuery query, String studentId);

    /** The guardian relations of one guardian (the students they are a guardian of), in a stable order. */
    Page<GuardianRelation> relationsOfGuardian(Caller caller, ListQuery query, String guardianId);
}
