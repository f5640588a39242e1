package org.educloud.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.educloud.identity.RoleGrant;
import org.educloud.workflow.Assignee;
import org.educloud.workflow.Escalation;
import org.educloud.workflow.RelativeOrg;
import org.junit.jupiter.api.Test;

/** Where an overdue step goes. */
class EscalationTargetTest {

    @Test
    void upOneOrgGoesToTheOfficerOfTheParentOrgAndStopsAtTheProvince() {
        assertEquals(Optional.of(RoleGrant.parse("district-officer@/37/3701/370102")), EscalationTarget.next(
                RoleGrant.parse("school-admin@/37/3701/370102/3701020001"), Escalation.upOneOrg(), Optional.empty()));
        assertEquals(Optional.of(RoleGrant.parse("city-officer@/37/3701")), EscalationTarget.next(
                RoleGrant.parse("district-officer@/37/3701/370102"), Escalation.upOneOrg(), Optional.empty()));
        assertEquals(Optional.of(RoleGrant.parse("province-officer@/37")), EscalationTarget.next(
                RoleGrant.parse("city-officer@/37/3701"), Escalation.upOneOrg(), Optional.empty()));
        assertEquals(Optional.empty(), EscalationTarget.next(RoleGrant.parse("province-officer@/37"), Escalation.upOneOrg(),
                Optional.empty()));
    }

    @Test
    void aNamedRoleTakesItOnceAndNoneKeepsIt() {
        RoleGrant city = RoleGrant.parse("city-officer@/37/3701");
        Escalation toCity = Escalation.to(new Assignee("city-officer", RelativeOrg.CITY));
        assertEquals(Optional.of(city), EscalationTarget.next(RoleGrant.parse("school-admin@/37/3701/370102/3701020001"), toCity,
                Optional.of(city)));
        assertEquals(Optional.empty(), EscalationTarget.next(city, toCity, Optional.of(city)));
        assertEquals(Optional.empty(), EscalationTarget.next(city, Escalation.none(), Optional.empty()));
    }
}
