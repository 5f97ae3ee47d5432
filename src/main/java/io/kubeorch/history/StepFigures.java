package io.kubeorch.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Across operations: the steps that failed most, and how long each step takes (median and 95th
 * percentile of its successful runs).
 *
 * @param failedSteps steps with at least one failed run, most failures first
 * @param stepDurations every step that succeeded at least once, slowest median first
 */
public record StepFigures(List<FailedStep> failedSteps, List<StepDuration> stepDurations) {

    /** @param failures failed runs of the step; @param operations how many operations they were in */
    public record FailedStep(String step, int failures, int operations) {
    }

    /** @param runs successful runs measured */
    public record StepDuration(String step, int runs, long medianMs, long p95Ms) {
    }

    static StepFigures of(List<StepRun> runs) {
        Map<String, int[]> failures = new LinkedHashMap<>();
        Map<String, Set<String>> failedIn = new LinkedHashMap<>();
        Map<String, List<Long>> durations = new LinkedHashMap<>();
        for (StepRun run : runs) {
            if (run.failedAttempts() > 0) {
                failures.computeIfAbsent(run.step(), step -> new int[1])[0] += run.failedAttempts();
                failedIn.computeIfAbsent(run.step(), step -> new TreeSet<>()).add(run.operationId());
            }
            if (run.succeeded()) {
                durations.computeIfAbsent(run.step(), step -> new ArrayList<>()).add(run.durationMs());
            }
        }
        List<FailedStep> failed = new ArrayList<>();
        failures.forEach((step, count) -> failed.add(new FailedStep(step, count[0], failedIn.get(step).size())));
        failed.sort(Comparator.comparingInt(FailedStep::failures).reversed().thenComparing(FailedStep::step));
        List<StepDuration> took = new ArrayList<>();
        durations.forEach((step, values) -> took.add(new StepDuration(step, values.size(), median(values),
                percentile(values, 95))));
        took.sort(Comparator.comparingLong(StepDuration::medianMs).reversed().thenComparing(StepDuration::step));
        return new StepFigures(failed, took);
    }

    /** The middle value, or the mean of the two middle ones (rounded down). */
    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Nearest rank: the smallest value that at least {@code p} percent of the values do not exceed. */
    static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
