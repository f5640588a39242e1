package org.educloud.basedata.internal.bulk;

import java.util.Objects;
import java.util.Optional;

import org.educloud.basedata.AcademicSession;
import org.educloud.basedata.ClassRoster;
import org.educloud.basedata.Course;
import org.educloud.basedata.Curriculum;
import org.educloud.basedata.Enrollment;
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRegistry;
import org.educloud.basedata.ListQuery;
import org.educloud.basedata.SchoolClass;
import org.educloud.basedata.internal.EnrollmentLoad;
import org.educloud.basedata.internal.JdbcPersonRegistry;
import org.educloud.basedata.internal.PeopleLoad;
import org.educloud.basedata.internal.RelationLoad;
import org.educloud.basedata.internal.bulk.RosterCsvImport.Outcome;
import org.educloud.identity.Caller;

/**
 * Upsert by sourcedId through the basic-data services, the same for both formats: create what is
 * new, leave alone what is already as given (no write, so no change-feed row), update the rest
 * against the version just read (a concurrent change makes the row fail rather than be overwritten).
 * Also holds the bulk paths (people, enrollments, guardian relations), which decide the same way for
 * a whole batch at once; a row by row write through these services is their fallback.
 */
public final class Upserts {

    private final OrgDirectory orgs;
    private final PersonRegistry people;
    private final ClassRoster roster;
    private final Curriculum curriculum;
    private final PeopleLoad peopleLoad;
    private final EnrollmentLoad enrollmentLoad = new EnrollmentLoad();
    private final RelationLoad relationLoad = new RelationLoad();

    /**
     * @param peopleLoad the bulk path for people (and, with it, for enrollments and guardian relations);
     *                   batches the database refuses as a whole come back to the services
     */
    public Upserts(OrgDirectory orgs, PersonRegistry people, ClassRoster roster, Curriculum curriculum, PeopleLoad peopleLoad) {
        this.orgs = orgs;
        this.people = people;
        this.roster = roster;
        this.curriculum = curriculum;
        this.peopleLoad = peopleLoad;
    }

    Outcome org(Caller caller, Org given) {
        Optional<Org> current = orgs.find(caller, given.sourcedId());
        if (current.isEmpty()) {
            orgs.create(caller, given);
            return Outcome.CREATED;
        }
        Org now = current.get();
        if (Objects.equals(now.name(), given.name()) && Objects.equals(now.stage(), given.stage())
                && Objects.equals(now.ownership(), given.ownership()) && Objects.equals(now.locale(), given.locale())
                && now.kind() == given.kind() && Objects.equals(now.code(), given.code())
                && Objects.equals(now.parentId(), given.parentId())) {
            return Outcome.UNCHANGED;
        }
        orgs.update(caller, given.sourcedId(), now.version(), given);
        return Outcome.UPDATED;
    }

    Outcome session(Caller caller, AcademicSession given) {
        Optional<AcademicSession> current = curriculum.findSession(caller, given.sourcedId());
        if (current.isEmpty()) {
            curriculum.createSession(caller, given);
            return Outcome.CREATED;
        }
        AcademicSession now = current.get();
        if (Objects.equals(now.orgId(), given.orgId()) && Objects.equals(now.title(), given.title())
                && Objects.equals(now.sessionType(), given.sessionType()) && Objects.equals(now.schoolYear(), given.schoolYear())
                && Objects.equals(now.startDate(), given.startDate()) && Objects.equals(now.endDate(), given.endDate())
                && Objects.equals(now.parentId(), given.parentId())) {
            return Outcome.UNCHANGED;
        }
        curriculum.updateSession(caller, given.sourcedId(), now.version(), given);
        return Outcome.UPDATED;
    }

    Outcome course(Caller caller, Course given) {
        Optional<Course> current = curriculum.findCourse(caller, given.sourcedId());
        if (current.isEmpty()) {
            curriculum.createCourse(caller, given);
            return Outcome.CREATED;
        }
        Course now = current.get();
        if (Objects.equals(now.orgId(), given.orgId()) && Objects.equals(now.title(), given.title())
                && Objects.equals(now.courseCode(), given.courseCode()) && Objects.equals(now.subjectCode(), given.subjectCode())
                && Objects.equals(now.gradeCode(), given.gradeCode()) && Objects.equals(now.sessionId(), given.sessionId())) {
            return Outcome.UNCHANGED;
        }
        curriculum.updateCourse(caller, given.sourcedId(), now.version(), given);
        return Outcome.UPDATED;
    }

    Outcome schoolClass(Caller caller, SchoolClass given) {
        Optional<SchoolClass> current = roster.findClass(caller, given.sourcedId());
        if (current.isEmpty()) {
            roster.createClass(caller, given);
            return Outcome.CREATED;
        }
        SchoolClass now = current.get();
        if (Objects.equals(now.schoolId(), given.schoolId()) && Objects.equals(now.title(), given.title())
                && Objects.equals(now.classCode(), given.classCode()) && Objects.equals(now.classType(), given.classType())
                && Objects.equals(now.gradeCode(), given.gradeCode()) && Objects.equals(now.entryYear(), given.entryYear())
                && Objects.equals(now.sessionId(), given.sessionId()) && Objects.equals(now.courseId(), given.courseId())) {
            return Outcome.UNCHANGED;
        }
        roster.updateClass(caller, given.sourcedId(), now.version(), given);
        return Outcome.UPDATED;
    }

    Outcome enrollment(Caller caller, Enrollment given) {
        Optional<Enrollment> current = roster.findEnrollment(caller, given.sourcedId());
        if (current.isEmpty()) {
            roster.enroll(caller, given);
            return Outcome.CREATED;
        }
        Enrollment now = current.get();
        if (Objects.equals(now.classId(), given.classId()) && Objects.equals(now.personId(), given.personId())
                && Objects.equals(now.role(), given.role()) && now.primaryTeacher() == given.primaryTeacher()
                && Objects.equals(now.beginDate(), given.beginDate()) && Objects.equals(now.endDate(), given.endDate())) {
            return Outcome.UNCHANGED;
        }
        roster.updateEnrollment(caller, given.sourcedId(), now.version(), given);
        return Outcome.UPDATED;
    }

    Outcome relation(Caller caller, GuardianRelation given) {
        Optional<GuardianRelation> current = people.relation(caller, given.sourcedId());
        if (current.isEmpty()) {
            people.relate(caller, given);
            return Outcome.CREATED;
        }
        GuardianRelation now = current.get();
        if (Objects.equals(now.guardianId(), given.guardianId()) && Objects.equals(now.studentId(), given.studentId())
                && Objects.equals(now.relationCode(), given.relationCode()) && now.primaryContact() == given.primaryContact()) {
            return Outcome.UNCHANGED;
        }
        // A relation has no update: its code or contact flag changed, so it is ended and made again.
        people.unrelate(caller, given.sourcedId(), now.version());
        people.relate(caller, given);
        return Outcome.UPDATED;
    }

    /**
     * A person: created when new, left alone when the stored one already is as the row says (the ID
     * number compared through its blind index, so no whole number is read or audited), updated otherwise.
     */
    Outcome person(Caller caller, PeopleLoad.Row row) {
        Optional<Person> current = people.find(caller, row.sourcedId(), false);
        Person given = row.merge().apply(current.orElse(null));
        if (current.isEmpty()) {
            people.create(caller, given);
            return Outcome.CREATED;
        }
        Person now = current.get();
        if (JdbcPersonRegistry.sameDetails(now, given) && (given.idNumber() == null
                || people.list(caller, ListQuery.first(2), now.role(), given.idNumber(), false).items().stream()
                        .anyMatch(p -> p.sourcedId().equals(now.sourcedId())))) {
            return Outcome.UNCHANGED;
        }
        people.update(caller, row.sourcedId(), now.version(), given);
        return Outcome.UPDATED;
    }

    /** Deletes a row of a OneRoster delta file; one already gone is left so (importing the file again changes nothing). */
    Outcome delete(Caller caller, String kind, String sourcedId) {
        boolean found = switch (kind) {
            case "org" -> orgs.find(caller, sourcedId).map(o -> deleted(() -> orgs.delete(caller, sourcedId, null))).isPresent();
            case "academicSession" -> curriculum.findSession(caller, sourcedId)
                    .map(o -> deleted(() -> curriculum.deleteSession(caller, sourcedId, null))).isPresent();
            case "course" -> curriculum.findCourse(caller, sourcedId)
                    .map(o -> deleted(() -> curriculum.deleteCourse(caller, sourcedId, null))).isPresent();
            case "class" -> roster.findClass(caller, sourcedId).map(o -> deleted(() -> roster.deleteClass(caller, sourcedId, null)))
                    .isPresent();
            case "enrollment" -> roster.findEnrollment(caller, sourcedId)
                    .map(o -> deleted(() -> roster.deleteEnrollment(caller, sourcedId, null))).isPresent();
            case "user" -> people.find(caller, sourcedId, false).map(o -> deleted(() -> people.delete(caller, sourcedId, null)))
                    .isPresent();
            default -> throw new IllegalArgumentException("no deletion of " + kind);
        };
        return found ? Outcome.DELETED : Outcome.UNCHANGED;
    }

    private static boolean deleted(Runnable delete) {
        delete.run();
        return true;
    }

    PeopleLoad peopleLoad() {
        return peopleLoad;
    }

    EnrollmentLoad enrollmentLoad() {
        return enrollmentLoad;
    }

    RelationLoad relationLoad() {
        return relationLoad;
    }
}
