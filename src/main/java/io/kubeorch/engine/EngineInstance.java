package io.kubeorch.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * This kubeorch instance's stable identity among the instances sharing a database
 * ({@code kubeorch.instance.id}, default the host name). Steps and jobs are locked under it, so a
 * restarted instance can release at once what its previous run still held. Two live instances
 * with one identity would release each other's work: the second refuses to start.
 */
@Component
class EngineInstance {

    private static final Logger log = LoggerFactory.getLogger(EngineInstance.class);
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /** A heartbeat older than this is a dead instance's. */
    static final Duration STALE = HEARTBEAT.multipliedBy(3);

    private final String id;
    private final String host;
    private final long pid = ProcessHandle.current().pid();
    private final JdbcTemplate jdbc;
    private ScheduledExecutorService heartbeats;

    EngineInstance(@Value("${kubeorch.instance.id:}") String id, JdbcTemplate jdbc) {
        this.host = localHost();
        this.id = id == null || id.isBlank() ? host : id.strip();
        if (!this.id.matches("[A-Za-z0-9][A-Za-z0-9._@:-]{0,99}")) {
            throw new IllegalStateException("kubeorch.instance.id: '" + this.id + "' is not a valid instance identity:"
                    + " up to 100 letters, digits and . _ @ : - (set KUBEORCH_INSTANCE_ID)");
        }
        this.jdbc = jdbc;
    }

    String id() {
        return id;
    }

    /** The host this instance runs on, as its identity's row records it. */
    String host() {
        return host;
    }

    private record Row(String host, long pid, Instant heartbeat, Instant now) {
    }

    /**
     * Takes this identity in the database, refusing when another live instance holds it.
     *
     * @throws IllegalStateException when another instance with this identity is alive
     */
    void claim() {
        for (int attempt = 0; attempt < 3; attempt++) {
            Row previous = read();
            if (previous == null) {
                try {
                    jdbc.update("INSERT INTO engine_instance (id, host, pid, started_at, heartbeat_at)"
                            + " VALUES (?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", id, host, pid);
                    startHeartbeat();
                    return;
                } catch (DuplicateKeyException raced) {
                    continue; // another instance with this identity started at the same moment: look at it
                }
            }
            if (!aliveElsewhere(previous)) {
                take();
                return;
            }
            throw twin(previous);
        }
        throw new IllegalStateException("kubeorch.instance.id '" + id + "': could not take this identity; try again");
    }

    /** Whether the instance that last held this identity still runs (a heartbeat within {@link #STALE}). */
    private boolean aliveElsewhere(Row previous) {
        if (previous.host().equals(host)) {
            // the same machine: the process table says whether it still runs (the same pid is this
            // process, started again in a container)
            return previous.pid() != pid && ProcessHandle.of(previous.pid()).map(ProcessHandle::isAlive).orElse(false);
        }
        if (Duration.between(previous.heartbeat(), previous.now()).compareTo(STALE) > 0) {
            return false;
        }
        // another machine with a fresh heartbeat: a crash moments ago, or a live twin; a live one beats again
        Instant deadline = Instant.now().plus(STALE).plus(HEARTBEAT);
        while (Instant.now().isBefore(deadline)) {
            sleep(Duration.ofSeconds(1));
            Row now = read();
            if (now != null && now.heartbeat().isAfter(previous.heartbeat())) {
                return true;
            }
        }
        return false;
    }

    private IllegalStateException twin(Row other) {
        return new IllegalStateException("another kubeorch instance named '" + id + "' is running (host " + other.host()
                + ", pid " + other.pid() + "): give each instance its own kubeorch.instance.id (KUBEORCH_INSTANCE_ID),"
                + " or stop the other one first");
    }

    private void take() {
        jdbc.update("UPDATE engine_instance SET host = ?, pid = ?, started_at = CURRENT_TIMESTAMP,"
                + " heartbeat_at = CURRENT_TIMESTAMP WHERE id = ?", host, pid, id);
        startHeartbeat();
    }

    private Row read() {
        List<Row> rows = jdbc.query("SELECT host, pid, heartbeat_at, CURRENT_TIMESTAMP AS db_now FROM engine_instance"
                + " WHERE id = ?", (row, i) -> new Row(row.getString("host"), row.getLong("pid"),
                        row.getTimestamp("heartbeat_at").toInstant(), row.getTimestamp("db_now").toInstant()), id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private synchronized void startHeartbeat() {
        if (heartbeats != null) {
            return;
        }
        heartbeats = Executors.newSingleThreadScheduledExecutor(Threads.named("instance-heartbeat"));
        heartbeats.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        log.info("kubeorch instance '{}' (host {}, pid {}) started", id, host, pid);
    }

    private void beat() {
        try {
            jdbc.update("UPDATE engine_instance SET heartbeat_at = CURRENT_TIMESTAMP WHERE id = ? AND host = ? AND pid = ?",
                    id, host, pid);
        } catch (RuntimeException e) {
            log.debug("heartbeat of instance {} not written: {}", id, e.getMessage());
        }
    }

    /** On a clean stop: the identity is free at once for a restart. */
    @PreDestroy
    synchronized void leave() {
        if (heartbeats == null) {
            return;
        }
        heartbeats.shutdownNow();
        heartbeats = null;
        try {
            jdbc.update("DELETE FROM engine_instance WHERE id = ? AND host = ? AND pid = ?", id, host, pid);
        } catch (RuntimeException e) {
            log.warn("instance {} could not sign off ({}); a restart takes its identity back anyway", id, e.getMessage());
        }
    }

    private static String localHost() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while watching whether another instance named '" + id
                    + "' is alive", e);
        }
    }
}
