package io.kubeorch.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Across the operations requested in a period: how many ended how, and the steps' failures and
 * durations ({@link StepFigures}).
 *
 * @param byState operations by state, e.g. {@code completed: 12, failed: 1}
 */
public record HistoryFigures(Instant from, Instant to, int operations, Map<String, Integer> byState,
        List<StepFigures.FailedStep> failedSteps, List<StepFigures.StepDuration> stepDurations) {
}
