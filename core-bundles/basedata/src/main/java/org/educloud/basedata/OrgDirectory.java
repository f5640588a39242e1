package org.educloud.basedata;

import java.util.List;
import java.util.Optional;

import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;

/**
 * The region's orgs. Reads need {@code basedata:orgs:read} and writes {@code basedata:orgs:write}
 * at the org or above it. Methods throw {@link BasedataProblem} for bad input, rows that do not exist
 * or that the caller may not see, refused permissions and version conflicts.
 */
public interface OrgDirectory {

    /** Creates an org under its parent. */
    Org create(Caller caller, Org org);

    /** The org with this sourced id, when the caller may read it. */
    Optional<Org> find(Caller caller, String sourcedId);

    /** The org with this code, when the caller may read it. */
    Optional<Org> findByCode(Caller caller, String code);

    /**
     * Changes an org's name, stage, ownership and setting (its code and parent stay).
     *
     * @param expectedVersion the version the change is based on; null to overwrite whatever is there
     */
    Org update(Caller caller, String sourcedId, Integer expectedVersion, Org org);

    /** Deletes an org that has no children, people or classes left. */
    void delete(Caller caller, String sourcedId, Integer expectedVersion);

    /** Orgs in a stable order; only those of {@code kind} when it is not null. */
    Page<Org> list(Caller caller, ListQuery query, OrgKind kind);

    /** For each child of {@code under} (or each top-level org), what its subtree holds. */
    List<OrgCounts> statistics(Caller caller, OrgPath under);
}
