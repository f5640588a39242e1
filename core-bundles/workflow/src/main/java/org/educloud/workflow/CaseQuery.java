package org.educloud.workflow;

import java.util.Objects;
import java.util.Optional;

import org.educloud.identity.OrgPath;

/**
 * Which cases to list, newest first.
 *
 * @param status       only cases in this status
 * @param definitionId only cases of this workflow
 * @param within       only cases whose school or destination is in this org's subtree
 * @param beforeId     only cases with a smaller id (the last id of the previous page); 0 for the first page
 * @param limit        at most this many
 * @param applicant    only cases this user (username) applied for
 */
public record CaseQuery(Optional<CaseStatus> status, Optional<String> definitionId, Optional<OrgPath> within, long beforeId, int limit,
        Optional<String> applicant) {

    public CaseQuery {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(definitionId, "definitionId");
        Objects.requireNonNull(within, "within");
        Objects.requireNonNull(applicant, "applicant");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    /** Cases of anyone's. */
    public CaseQuery(Optional<CaseStatus> status, Optional<String> definitionId, Optional<OrgPath> within, long beforeId, int limit) {
        this(status, definitionId, within, beforeId, limit, Optional.empty());
    }

    /** The newest {@code limit} cases of every kind. */
    public static CaseQuery latest(int limit) {
        return new CaseQuery(Optional.empty(), Optional.empty(), Optional.empty(), 0, limit);
    }

    /** The newest {@code limit} cases of one workflow that {@code username} applied for. */
    public static CaseQuery appliedFor(String username, String definitionId, int limit) {
        return new CaseQuery(Optional.empty(), Optional.of(definitionId), Optional.empty(), 0, limit, Optional.of(username));
    }
}
