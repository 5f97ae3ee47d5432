package io.kubeorch.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How kubeorch keeps its database bounded. An install's history (Camunda's) is kept for the
 * model's {@code historyTimeToLive} after the install ended; Camunda's history cleanup removes it
 * within a daily window ({@code kubeorch.retention.cleanup-window-start} to {@code -end}, the
 * server's local time, passed to the engine in application.yaml); kubeorch then removes its own
 * rows (the install or day-2 operation and its command record) of operations whose history is gone.
 *
 * @param cleanupWindowStart start of the daily window in which the history cleanup runs, {@code HH:mm}
 * @param cleanupWindowEnd its end, {@code HH:mm}
 * @param sweepInterval how often kubeorch looks for its own rows of cleaned operations
 * @param grace how old an operation must be before its rows go for want of history (one
 *        being started has no committed history for a moment)
 */
@ConfigurationProperties("kubeorch.retention")
record RetentionProperties(String cleanupWindowStart, String cleanupWindowEnd, Duration sweepInterval, Duration grace) {

    RetentionProperties {
        if (sweepInterval == null) {
            sweepInterval = Duration.ofHours(1);
        }
        if (grace == null) {
            grace = Duration.ofDays(1);
        }
    }
}
