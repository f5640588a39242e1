package org.educloud.basedata;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A person. On create, {@code orgPath}, {@code idNumberMasked}, {@code guardians}, {@code version} and
 * the timestamps are ignored.
 *
 * @param sourcedId      the stable id; generated when empty on create
 * @param role           student, teacher, guardian or staff
 * @param orgId          the sourced id of the org the person belongs to (a student's school)
 * @param orgPath        that org's path
 * @param familyName     姓
 * @param givenName      名
 * @param gender         male, female or unspecified
 * @param birthDate      the birth date; taken from the ID number when left out
 * @param idNumber       the whole ID number: given on create and update, returned only to callers who may see it
 * @param idNumberMasked the masked ID number, e.g. 3701**********1234
 * @param staffNumber    a teacher's or staff member's number
 * @param phone          a phone number
 * @param email          an email address
 * @param status         a student's status; null for others
 * @param guardians      a student's guardians (read only; change them through guardian relations)
 * @param version        incremented by every update, also of the status
 * @param createdAt      when it was created
 * @param updatedAt      when it last changed
 */
public record Person(String sourcedId, PersonRole role, String orgId, String orgPath, String familyName, String givenName,
        String gender, LocalDate birthDate, NationalId idNumber, String idNumberMasked, String staffNumber, String phone,
        String email, StudentStatus status, List<GuardianRelation> guardians, int version, Instant createdAt, Instant updatedAt) {

    public Person {
        guardians = guardians == null ? List.of() : List.copyOf(guardians);
    }

    /** The same person without the whole ID number. */
    public Person withoutIdNumber() {
        return new Person(sourcedId, role, orgId, orgPath, familyName, givenName, gender, birthDate, null, idNumberMasked,
                staffNumber, phone, email, status, guardians, version, createdAt, updatedAt);
    }
}
