package org.educloud.workflow.internal;

import java.util.Optional;

import org.educloud.workflow.Audience;
import org.educloud.workflow.Messages;
import org.educloud.workflow.NewMessage;
import org.educloud.workflow.Transition;
import org.educloud.workflow.WorkflowCase;
import org.educloud.workflow.WorkflowDefinition;
import org.educloud.workflow.Workflows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.osgi.service.event.EventConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the applicant when their case is decided: a message when it completes (approved at its
 * last step) or is rejected, with the reason, linking to the case in the portal. A return for
 * correction needs no message: it is the applicant's to-do.
 */
// The topics as a plain property: the @EventTopics annotation would require an osgi.event implementation capability that
// Karaf's Felix EventAdmin does not declare, and the bundle would not resolve.
@Component(property = {EventConstants.EVENT_TOPIC + "=org/educloud/workflow/case/COMPLETED",
        EventConstants.EVENT_TOPIC + "=org/educloud/workflow/case/REJECTED"})
public final class ApplicantNotices implements EventHandler {

    /** The sender shown on these messages. */
    static final String SENDER = "system:workflow";
    private static final Logger LOG = LoggerFactory.getLogger(ApplicantNotices.class);

    private final Workflows workflows;
    private final Messages messages;

    @Activate
    public ApplicantNotices(@Reference(name = "workflows") Workflows workflows, @Reference(name = "messages") Messages messages) {
        this.workflows = workflows;
        this.messages = messages;
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty(Transition.PROPERTY_CASE) instanceof Long caseId)) {
            return;
        }
        Optional<WorkflowCase> found = workflows.find(caseId);
        if (found.isEmpty()) {
            return;
        }
        try {
            messages.send(notice(found.get(), workflows.definition(found.get().definitionId()),
                    event.getTopic().endsWith(Transition.REJECTED.name()), (String) event.getProperty(Transition.PROPERTY_COMMENT)), SENDER);
        } catch (RuntimeException e) {
            // The decision stands whatever happens to its message; the case page shows it too.
            LOG.warn("Could not tell {} that case {} was decided: {}", found.get().applicant(), caseId, e.getMessage());
        }
    }

    /** The message: Chinese first, then English, as the portal shows both. */
    static NewMessage notice(WorkflowCase decided, Optional<WorkflowDefinition> definition, boolean rejected, String reason) {
        String zh = definition.map(WorkflowDefinition::nameZh).orElse(decided.definitionId());
        String en = definition.map(WorkflowDefinition::nameEn).orElse(decided.definitionId());
        String title = zh + "（" + decided.subjectName() + "）" + (rejected ? "未通过" : "已通过") + " · " + en + " " + (rejected ? "rejected" : "approved");
        String body = rejected ? "理由 / Reason: " + (reason == null ? "" : reason)
                : "申请已办结。/ Your application was approved at its last step.";
        return new NewMessage(Audience.user(decided.applicant()), title.length() > 200 ? title.substring(0, 200) : title, body,
                Optional.of("/portal/cases/" + decided.id()));
    }
}
