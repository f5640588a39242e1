package org.educloud.persistence;

/** Outcome of applying a bundle's changelog. */
public enum MigrationState {
    /** Every change set is in the database; the bundle was allowed to start. */
    APPLIED,
    /** The changelog could not be applied; the bundle was stopped and stays stopped until it is updated or restarted. */
    FAILED,
    /** The database was unreachable; the bundle was stopped and is started again once the database answers. */
    WAITING_FOR_DATABASE
}
