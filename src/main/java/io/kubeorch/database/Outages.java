package io.kubeorch.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The database being out of reach (restarted, failed over, network cut) rather than a fault:
 * work that must not be lost waits for it to come back, for a while, instead of failing.
 */
public final class Outages {

    private static final Logger log = LoggerFactory.getLogger(Outages.class);
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private Outages() {
    }

    /** Whether the failure is the database being unreachable, and worth waiting for. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
            // SQL state class 08: connection exception; 57P: PostgreSQL shutting down or restarting
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code work}, again and again while the database is out of reach, for at most {@code patience}.
     *
     * @throws RuntimeException the work's own failure, an outage beyond patience, or an interrupt
     */
    public static <T> T waitingOut(String what, Duration patience, Supplier<T> work) {
        long deadline = System.nanoTime() + patience.toNanos();
        Duration wait = Duration.ofMillis(200);
        boolean warned = false;
        while (true) {
            try {
                T result = work.get();
                if (warned) {
                    log.info("{}: the database is back", what);
                }
                return result;
            } catch (RuntimeException e) {
                if (!isOutage(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                if (!warned) {
                    log.warn("{}: the database is out of reach, waiting for it ({})", what, e.getMessage());
                    warned = true;
                }
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(what + ": interrupted while waiting for the database", e);
            }
            wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
        }
    }
}
