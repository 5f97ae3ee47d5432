package io.kubeorch.engine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a failed step is tried again, from the model's retry cycle ({@code camunda:failedJobRetryTimeCycle},
 * which the engine applies to jobs only; for external tasks the workers apply it):
 * <ul>
 * <li>{@code R3/PT30S}: the step runs at most 3 times, 30 seconds apart (as the engine does for jobs);</li>
 * <li>{@code PT10S,PT1M,PT5M}: a retry after each delay in turn, so at most 4 runs.</li>
 * </ul>
 * After the last run fails, the task has no retries left and the engine raises an incident.
 *
 * @param delays the delay before each retry, in order; as many as there are retries
 */
record RetrySchedule(List<Duration> delays) {

    private static final Pattern REPEAT = Pattern.compile("R(\\d+)/(P\\S+)");

    RetrySchedule {
        delays = List.copyOf(delays);
    }

    /** @throws IllegalArgumentException naming what is wrong, for an operator's setting */
    static RetrySchedule parse(String cycle) {
        String text = cycle == null ? "" : cycle.strip();
        try {
            Matcher repeat = REPEAT.matcher(text);
            if (repeat.matches()) {
                int runs = Integer.parseInt(repeat.group(1));
                if (runs < 1) {
                    throw new IllegalArgumentException("at least one run");
                }
                return new RetrySchedule(java.util.Collections.nCopies(runs - 1, Duration.parse(repeat.group(2))));
            }
            List<Duration> delays = new ArrayList<>();
            for (String delay : text.split(",")) {
                delays.add(Duration.parse(delay.strip()));
            }
            return new RetrySchedule(delays);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("retry cycle '" + text + "' is neither Rn/duration (e.g. R3/PT30S: at most"
                    + " 3 runs, 30 s apart) nor a list of durations (e.g. PT10S,PT1M,PT5M: a retry after each)", e);
        }
    }

    /** What to tell the engine after a failed run. */
    record Next(int retriesLeft, Duration delay) {
    }

    /**
     * @param retriesLeft the task's retries before this failure, or null on its first failure
     *        (Cockpit's retry of an incident sets them to 1)
     */
    Next afterFailure(Integer retriesLeft) {
        int left = (retriesLeft == null ? delays.size() : retriesLeft - 1);
        if (left <= 0) {
            return new Next(0, Duration.ZERO);
        }
        int retry = Math.max(0, delays.size() - left);
        return new Next(left, delays.isEmpty() ? Duration.ZERO : delays.get(Math.min(retry, delays.size() - 1)));
    }
}
