package org.educloud.workflow;

import java.util.List;

/**
 * A case with everything that happened to it, oldest first.
 *
 * @param current the case as it stands
 * @param entries its transitions
 */
public record CaseHistory(WorkflowCase current, List<HistoryEntry> entries) {

    public CaseHistory {
        entries = List.copyOf(entries);
    }
}
