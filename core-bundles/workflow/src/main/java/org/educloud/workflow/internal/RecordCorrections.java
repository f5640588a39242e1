package org.educloud.workflow.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRegistry;
import org.educloud.basedata.PersonRole;
import org.educloud.basedata.StudentStatus;
import org.educloud.identity.DelegatedCaller;
import org.educloud.identity.OrgPath;
import org.educloud.workflow.Actor;
import org.educloud.workflow.CaseEffect;
import org.educloud.workflow.NewCase;
import org.educloud.workflow.RecordCorrectionWorkflow;
import org.educloud.workflow.RecordCorrectionWorkflow.Correction;
import org.educloud.workflow.RecordCorrectionWorkflow.Field;
import org.educloud.workflow.WorkflowCase;
import org.educloud.workflow.WorkflowProblem;
import org.educloud.workflow.WorkflowProblem.Kind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Carries out {@link RecordCorrectionWorkflow} cases: checks a request against the person's record
 * when it is made, and writes the corrected values into the basic data when the school's
 * administrator approves it.
 *
 * <p>The basic data is called as a {@link DelegatedCaller} for the person acting, holding the
 * permissions on that person's kind of record at the case's school only: reading when the case
 * starts (the requester may not read the registry otherwise; the portal shows them only their own
 * record), reading and writing when it is approved (the engine has checked that the approver holds
 * the school's administrator role there, which grants {@code basedata:*} at the school anyway).
 */
@Component(service = CaseEffect.class)
public final class RecordCorrections implements CaseEffect {

    static final String CLIENT = "educloud-workflow";

    private final PersonRegistry people;

    @Activate
    public RecordCorrections(@Reference(name = "people") PersonRegistry people) {
        this.people = people;
    }

    @Override
    public String definitionId() {
        return RecordCorrectionWorkflow.ID;
    }

    @Override
    public void check(NewCase request, Actor applicant) {
        List<Correction> corrections = RecordCorrectionWorkflow.corrections(request.details());
        Person person = person(request.subject(), request.school(), applicant, false);
        corrected(person, corrections);
    }

    @Override
    public void apply(WorkflowCase approved, Actor approver) {
        List<Correction> corrections = RecordCorrectionWorkflow.corrections(approved.details());
        Person person = person(approved.subject(), approved.school(), approver, true);
        try {
            people.update(caller(approver, person.role(), approved.school(), true), person.sourcedId(), person.version(),
                    corrected(person, corrections));
        } catch (BasedataProblem e) {
            throw new WorkflowProblem(e.kind() == BasedataProblem.Kind.INVALID ? Kind.INVALID : Kind.CONFLICT, e.field(),
                    "the record of " + approved.subjectName() + " could not be corrected: " + e.getMessage()
                    + "; return the case to the requester to correct it, or reject it");
        }
    }

    /** The person the case is about, at the case's school. */
    private Person person(String sourcedId, OrgPath school, Actor actor, boolean writing) {
        for (PersonRole role : PersonRole.values()) {
            try {
                var found = people.find(caller(actor, role, school, writing), sourcedId, false);
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (BasedataProblem e) {
                throw new WorkflowProblem(Kind.CONFLICT, "subject", "the basic data could not be read now: " + e.getMessage());
            }
        }
        throw new WorkflowProblem(Kind.INVALID, "subject", "no person " + sourcedId + " at the school " + school
                + " in the basic data: a record correction's subject is the person's sourced id, and its school the person's school");
    }

    private static DelegatedCaller caller(Actor actor, PersonRole role, OrgPath school, boolean writing) {
        String read = "basedata:" + role.noun() + ":read";
        return new DelegatedCaller(actor.name(), actor.grants(), CLIENT,
                writing ? Set.of(read, "basedata:" + role.noun() + ":write") : Set.of(read), List.of(school));
    }

    /** The person with the corrections made; refused when a correction is for a field their kind of record has not. */
    static Person corrected(Person person, List<Correction> corrections) {
        String familyName = person.familyName();
        String givenName = person.givenName();
        String gender = person.gender();
        LocalDate birthDate = person.birthDate();
        String phone = person.phone();
        String email = person.email();
        StudentStatus s = person.status();
        LocalDate enrolled = s == null ? null : s.enrollmentDate();
        String household = s == null ? null : s.householdRegistration();
        String address = s == null ? null : s.address();
        // The indicator flags, in the order of both StudentStatus and Field (MIGRANT_CHILD … FINANCIAL_AID).
        boolean[] flags = s == null ? new boolean[6]
                : new boolean[] {s.migrantChild(), s.leftBehindChild(), s.orphan(), s.disabled(), s.specialCare(), s.financialAid()};
        for (Correction correction : corrections) {
            Field field = correction.field();
            if (field.studentStatus() && s == null) {
                throw new WorkflowProblem(Kind.INVALID, field.key(), field.key() + " (" + field.nameZh() + ") is part of a student's "
                        + "status, which the record of a " + person.role().label() + " does not have");
            }
            String value = correction.corrected();
            switch (field) {
                case FAMILY_NAME -> familyName = value;
                case GIVEN_NAME -> givenName = value;
                case GENDER -> gender = value;
                case BIRTH_DATE -> birthDate = LocalDate.parse(value);
                case PHONE -> phone = value;
                case EMAIL -> email = value;
                case ENROLLMENT_DATE -> enrolled = LocalDate.parse(value);
                case HOUSEHOLD_REGISTRATION -> household = value;
                case ADDRESS -> address = value;
                default -> flags[field.ordinal() - Field.MIGRANT_CHILD.ordinal()] = Boolean.parseBoolean(value);
            }
        }
        StudentStatus status = s == null ? null : new StudentStatus(s.registryNumber(), enrolled, household, address, flags[0], flags[1],
                flags[2], flags[3], flags[4], flags[5]);
        return new Person(person.sourcedId(), person.role(), person.orgId(), person.orgPath(), familyName, givenName, gender, birthDate,
                null, person.idNumberMasked(), person.staffNumber(), phone, email, status, person.guardians(), person.version(),
                person.createdAt(), person.updatedAt());
    }
}
