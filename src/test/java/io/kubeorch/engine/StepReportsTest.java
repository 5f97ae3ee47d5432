package io.kubeorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class StepReportsTest {

    @Test
    void anUnreachableDatabaseIsWaitedFor() {
        assertThat(StepReports.databaseUnavailable(new ProcessEngineException("flush failed",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(StepReports.databaseUnavailable(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(StepReports.databaseUnavailable(new ProcessEngineException("x",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(StepReports.databaseUnavailable(new ProcessEngineException("x",
                new SQLException("I/O error", "08006")))).isTrue();
    }

    @Test
    void anyOtherFailureIsNot() {
        assertThat(StepReports.databaseUnavailable(new ProcessEngineException("Unknown property used in expression"))).isFalse();
        assertThat(StepReports.databaseUnavailable(new ProcessEngineException("x",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
    }
}
