package io.kubeorch.history;

import java.time.Instant;

/**
 * One step on one node of one operation, as the command record tells it: every attempt, in order.
 *
 * @param startedAt when its first command started
 * @param endedAt when its last command ended
 * @param durationMs what the host took for the attempt that succeeded (its commands after the last
 *        failed one), or null when the step never succeeded
 * @param failedAttempts how many of its runs failed (a failed command ends a run)
 * @param result {@code changed}, {@code unchanged} or {@code failed} (its last command failed)
 */
public record StepRun(String operationId, String node, String step, Instant startedAt, Instant endedAt,
        Long durationMs, int failedAttempts, String result) {

    boolean succeeded() {
        return durationMs != null;
    }
}
