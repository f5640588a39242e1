package org.educloud.workflow.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalates overdue steps every {@link WorkflowConfig#escalationIntervalSeconds()} on a thread of
 * its own, which it stops when deactivated (bundle stop, new config). Every node runs one; the
 * database decides which node escalates a step ({@link JdbcWorkflows#escalateDue(int)}).
 */
@Component(configurationPid = WorkflowConfig.PID)
public final class EscalationSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(EscalationSchedule.class);

    private final JdbcWorkflows workflows;
    private final int batchSize;
    private final ScheduledExecutorService executor;

    @Activate
    public EscalationSchedule(@Reference(name = "workflows") JdbcWorkflows workflows, WorkflowConfig config) {
        this.workflows = workflows;
        this.batchSize = Math.max(1, config.escalationBatchSize());
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "educloud-workflow-escalation");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(1, config.escalationIntervalSeconds());
        executor.scheduleWithFixedDelay(this::escalateDue, interval, interval, TimeUnit.SECONDS);
    }

    /** One look; a failure (the database away) is logged and the next look tries again. */
    void escalateDue() {
        try {
            int escalated = workflows.escalateDue(batchSize);
            if (escalated > 0) {
                LOG.info("Escalated {} overdue workflow step(s)", escalated);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not escalate overdue workflow steps, trying again at the next look: {}", e.getMessage());
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        executor.shutdownNow();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("The workflow escalation thread did not stop within 10 s");
        }
    }
}
