package io.kubeorch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** An instance's identity against the real table, on an in-memory database. */
class EngineInstanceTest {

    private final JdbcTemplate jdbc = database();
    private EngineInstance instance;

    private static JdbcTemplate database() {
        DriverManagerDataSource data = new DriverManagerDataSource(
                "jdbc:h2:mem:instances-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(data).load().migrate();
        return new JdbcTemplate(data);
    }

    @AfterEach
    void leave() {
        if (instance != null) {
            instance.leave();
        }
    }

    @Test
    void aNewIdentityIsTakenAndFreedOnACleanStop() {
        instance = new EngineInstance("kubeorch-a", jdbc);
        instance.claim();
        assertThat(rows("kubeorch-a")).isEqualTo(1);

        instance.leave();
        assertThat(rows("kubeorch-a")).isZero();
    }

    @Test
    void aRestartTakesTheIdentityOfItsDeadPreviousRunAtOnce() {
        long dead = deadPid();
        jdbc.update("INSERT INTO engine_instance VALUES ('kubeorch-a', ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                host(), dead);
        instance = new EngineInstance("kubeorch-a", jdbc);

        long started = System.nanoTime();
        instance.claim();

        assertThat((System.nanoTime() - started) / 1_000_000).as("ms to claim").isLessThan(2_000);
        assertThat(jdbc.queryForObject("SELECT pid FROM engine_instance WHERE id = 'kubeorch-a'", Long.class))
                .isEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void aLiveInstanceWithTheSameIdentityOnThisHostIsRefused() {
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        jdbc.update("INSERT INTO engine_instance VALUES ('kubeorch-a', ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                host(), live);

        assertThatThrownBy(() -> new EngineInstance("kubeorch-a", jdbc).claim())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another kubeorch instance named 'kubeorch-a' is running")
                .hasMessageContaining("pid " + live).hasMessageContaining("KUBEORCH_INSTANCE_ID");
    }

    @Test
    void anotherHostsStaleHeartbeatIsTakenOver() {
        jdbc.update("INSERT INTO engine_instance VALUES ('kubeorch-a', 'elsewhere', 42, CURRENT_TIMESTAMP,"
                + " DATEADD('SECOND', -60, CURRENT_TIMESTAMP))");
        instance = new EngineInstance("kubeorch-a", jdbc);

        instance.claim();

        assertThat(jdbc.queryForObject("SELECT host FROM engine_instance WHERE id = 'kubeorch-a'", String.class))
                .isEqualTo(host());
    }

    @Test
    void anotherHostStillBeatingIsRefused() {
        jdbc.update("INSERT INTO engine_instance VALUES ('kubeorch-a', 'elsewhere', 42, CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP)");
        ScheduledExecutorService other = Executors.newSingleThreadScheduledExecutor();
        other.scheduleAtFixedRate(() -> jdbc.update("UPDATE engine_instance SET heartbeat_at = CURRENT_TIMESTAMP"
                + " WHERE id = 'kubeorch-a'"), 500, 500, TimeUnit.MILLISECONDS);
        try {
            assertThatThrownBy(() -> new EngineInstance("kubeorch-a", jdbc).claim())
                    .hasMessageContaining("(host elsewhere, pid 42)");
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void anIdentityThatCannotBeOneIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new EngineInstance("two words", jdbc))
                .hasMessageContaining("kubeorch.instance.id").hasMessageContaining("KUBEORCH_INSTANCE_ID");
    }

    private int rows(String id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM engine_instance WHERE id = ?", Integer.class, id);
    }

    private static String host() {
        return new EngineInstance("probe", new JdbcTemplate()).host();
    }

    /** A pid no process has: one beyond every running one. */
    private static long deadPid() {
        long pid = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1000) + 1000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        return pid;
    }
}
