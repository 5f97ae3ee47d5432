package io.kubeorch.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class OutagesTest {

    @Test
    void anUnreachableDatabaseIsWaitedFor() {
        assertThat(Outages.isOutage(new ProcessEngineException("flush failed",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(Outages.isOutage(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(Outages.isOutage(new ProcessEngineException("x",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(Outages.isOutage(new ProcessEngineException("x",
                new SQLException("I/O error", "08006")))).isTrue();
    }

    @Test
    void anyOtherFailureIsNot() {
        assertThat(Outages.isOutage(new ProcessEngineException("Unknown property used in expression"))).isFalse();
        assertThat(Outages.isOutage(new ProcessEngineException("x",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
    }

    @Test
    void workIsTriedAgainUntilTheDatabaseIsBack() {
        AtomicInteger tries = new AtomicInteger();

        String result = Outages.waitingOut("a record", Duration.ofSeconds(10), () -> {
            if (tries.incrementAndGet() < 3) {
                throw new CannotGetJdbcConnectionException("Connection refused");
            }
            return "written";
        });

        assertThat(result).isEqualTo("written");
        assertThat(tries).hasValue(3);
    }

    @Test
    void aFaultIsNotWaitedFor() {
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> Outages.waitingOut("a record", Duration.ofSeconds(10), () -> {
            tries.incrementAndGet();
            throw new IllegalStateException("value too long for type character varying(36)");
        })).hasMessageContaining("value too long");
        assertThat(tries).hasValue(1);
    }

    @Test
    void anOutageLongerThanThePatienceFails() {
        assertThatThrownBy(() -> Outages.waitingOut("a record", Duration.ofMillis(500), () -> {
            throw new CannotGetJdbcConnectionException("Connection refused");
        })).isInstanceOf(CannotGetJdbcConnectionException.class);
    }
}
