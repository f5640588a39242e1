package org.educloud.persistence.internal;

import org.educloud.persistence.MigrationState;

/** Why a changelog did not apply: the database was unreachable, or the changelog failed. */
final class MigrationFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final MigrationState state;

    MigrationFailure(MigrationState state, String reason, Throwable cause) {
        super(reason, cause);
        this.state = state;
    }

    MigrationState state() {
        return state;
    }
}
