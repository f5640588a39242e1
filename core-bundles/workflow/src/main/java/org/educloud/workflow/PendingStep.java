package org.educloud.workflow;

import java.time.Instant;
import java.util.Optional;

import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;

/**
 * The step a case waits on: a review by holders of a role at an org (or above), or, after a
 * return for correction, the applicant's resubmission.
 *
 * @param id           the step's own id (a to-do's cursor)
 * @param index        which step of the definition
 * @param stepId       the definition's step id
 * @param nameZh       the step's name in Chinese
 * @param nameEn       in English
 * @param grant        for a review: the role and the org it is for (after escalation, the escalated ones)
 * @param applicant    for a correction: the applicant who must resubmit
 * @param dueAt        when it escalates; empty when it does not
 * @param escalations  how many times it has escalated
 * @param since        when it became pending
 */
public record PendingStep(long id, int index, String stepId, String nameZh, String nameEn, Optional<RoleGrant> grant,
        Optional<String> applicant, Optional<Instant> dueAt, int escalations, Instant since) {

    /** True when the applicant must correct and resubmit, rather than a reviewer decide. */
    public boolean isCorrection() {
        return applicant.isPresent();
    }

    /** True when {@code actor} may act on it: the applicant for a correction, a holder of the role at the org or above for a review. */
    public boolean isFor(Actor actor) {
        return applicant.map(actor.name()::equals).orElseGet(() -> actor.holds(grant.orElseThrow()));
    }

    /** Who may act, as a sentence for people, e.g. "school-admin at /37/3701/370102/3701020001 or an org above it". */
    public String whoMayAct() {
        if (applicant.isPresent()) {
            return "the applicant " + applicant.get() + " (the case was returned for correction)";
        }
        RoleGrant needed = grant.orElseThrow();
        return "holders of the role " + needed.role() + " at " + needed.org()
                + (needed.org().equals(OrgPath.ROOT) ? "" : " or at an org above it");
    }
}
