package io.kubeorch.health;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code database}: a connection from kubeorch's pool answers a validity check within
 * {@link #TIMEOUT}. Spring's own indicator waits as long as the pool does for a connection (30 s
 * while the server is down), longer than any probe waits; this one answers in time and lets one
 * check at a time wait on the pool.
 */
@Component
class DatabaseHealthIndicator implements HealthIndicator {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final DataSource dataSource;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kubeorch-database-health");
        thread.setDaemon(true);
        return thread;
    });
    private Future<String> inFlight;

    DatabaseHealthIndicator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        Future<String> check = check();
        try {
            String product = check.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().withDetail("database", product).build();
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "the database did not answer within " + TIMEOUT.toSeconds()
                    + " s: is the server up and reachable?").build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("error", String.valueOf(e.getCause().getMessage())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }

    private synchronized Future<String> check() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = checker.submit(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    if (!connection.isValid((int) TIMEOUT.toSeconds())) {
                        throw new IllegalStateException("the database connection is not valid");
                    }
                    return connection.getMetaData().getDatabaseProductName();
                }
            });
        }
        return inFlight;
    }

    @PreDestroy
    void stop() {
        checker.shutdownNow();
    }
}
