package org.educloud.workflow.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.educloud.identity.RoleGrant;
import org.educloud.workflow.Transition;
import org.educloud.workflow.WorkflowCase;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts a case's transitions on EventAdmin, after the transaction that made them has committed. */
final class CaseEvents {

    /** One transition to announce. */
    record Announcement(Transition transition, String actor, Optional<String> step, Optional<RoleGrant> grant, String comment) {
    }

    private final EventAdmin eventAdmin;

    CaseEvents(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    void post(WorkflowCase after, List<Announcement> announcements) {
        for (Announcement announcement : announcements) {
            Map<String, Object> properties = new HashMap<>();
            properties.put(Transition.PROPERTY_CASE, after.id());
            properties.put(Transition.PROPERTY_DEFINITION, after.definitionId());
            properties.put(Transition.PROPERTY_SUBJECT, after.subject());
            properties.put(Transition.PROPERTY_SCHOOL, after.school().value());
            after.destination().ifPresent(destination -> properties.put(Transition.PROPERTY_DESTINATION, destination.value()));
            properties.put(Transition.PROPERTY_STATUS, after.status().name());
            properties.put(Transition.PROPERTY_ACTOR, announcement.actor());
            announcement.step().ifPresent(step -> properties.put(Transition.PROPERTY_STEP, step));
            announcement.grant().ifPresent(grant -> {
                properties.put(Transition.PROPERTY_ROLE, grant.role());
                properties.put(Transition.PROPERTY_ORG, grant.org().value());
            });
            if (!announcement.comment().isEmpty()) {
                properties.put(Transition.PROPERTY_COMMENT, announcement.comment());
            }
            // Asynchronous: a slow or failing subscriber never holds up or undoes an approval.
            eventAdmin.postEvent(new Event(announcement.transition().topic(), properties));
        }
    }
}
