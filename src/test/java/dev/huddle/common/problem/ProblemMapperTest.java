package dev.huddle.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.hibernate.exception.LockAcquisitionException;
import org.hibernate.exception.LockTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Failures no request can provoke at will, in the shapes Hibernate and the transaction manager deliver them: a lock
 * wait that timed out or a deadlock's victim is a conflict to retry (409), not a server error.
 */
class ProblemMapperTest {
    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void lockTimeoutAtCommitIsAConflictToRetry() {
        // H2's LOCK_TIMEOUT hit while the commit flushed: Narayana reports the rollback, Hibernate's cause inside.
        RollbackException atCommit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        atCommit.initCause(new LockTimeoutException("could not execute statement",
                new SQLException("Timeout trying to lock table \"CARD\"", "HYT00", 50200), "update card set ..."));

        assertConflict(mapper.unexpected(atCommit));
    }

    @Test
    void deadlockVictimDuringARequestIsAConflictToRetry() {
        // PostgreSQL broke a deadlock by rolling this transaction back, during a flush in the request.
        PessimisticLockException inRequest = new PessimisticLockException("could not execute statement",
                new LockAcquisitionException("could not execute statement",
                        new SQLException("ERROR: deadlock detected", "40P01"), "update card set ..."));

        assertConflict(mapper.unexpected(new IllegalStateException("request failed", inRequest)));
    }

    @Test
    void otherFailuresStayInternalErrorsWithoutInternals() {
        Response response = mapper.unexpected(new IllegalStateException("connection pool exhausted",
                new SQLException("Connection is closed", "08003")));

        assertThat(response.getStatus()).isEqualTo(500);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.detail()).isEqualTo("The request could not be completed").doesNotContain("pool");
    }

    private static void assertConflict(Response response) {
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).isEqualTo(ProblemType.CONFLICT.uri);
        assertThat(problem.detail()).isEqualTo("Someone else was changing the same data at that moment; try again");
    }
}
