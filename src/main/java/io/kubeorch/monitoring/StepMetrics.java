package io.kubeorch.monitoring;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import io.kubeorch.ssh.SshFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The step-level meters, fed by the core that runs steps (it calls these methods; nothing here
 * knows how steps are run). Every label value is drawn from a small fixed set: step names are
 * the model's task ids, outcomes and failure classes are enums; never a node, host, install id or
 * message. Calls are cheap and never throw on a valid argument: a metric must not fail a step.
 *
 * <ul>
 * <li>{@code kubeorch_step_duration_seconds{step, outcome}}: histogram of how long each step took.
 * <li>{@code kubeorch_remote_commands_total{outcome}}: commands run on hosts: {@code ok},
 *     {@code failed} (non-zero exit) or the SSH failure that stopped it ({@code timeout}, ...),
 *     the same word as the command record's {@code outcome}.
 * <li>{@code kubeorch_ssh_failures_total{class}}: SSH failures by {@link SshFailure} class, whether
 *     connecting or while a command ran.
 * <li>{@code kubeorch_host_locks_held}: host locks held now, once {@link #hostLocksHeld} is given a count.
 * </ul>
 */
@Component
public class StepMetrics {

    /** Steps take from a tenth of a second to half an hour: buckets an operator can read. */
    static final Duration[] STEP_BUCKETS = {
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
        Duration.ofMinutes(30)};
    /** More distinct step names than any model has means something passes names that are not step ids. */
    static final int MAX_STEPS = 200;
    static final String OTHER_STEP = "other";

    private static final Pattern STEP_ID = Pattern.compile("[a-z][A-Za-z0-9]{0,99}");
    private static final Logger log = LoggerFactory.getLogger(StepMetrics.class);

    private final MeterRegistry registry;
    private final Readings readings;
    private final Set<String> steps = ConcurrentHashMap.newKeySet();

    /** Meters in {@code registry} alone, for code that runs steps without the application (tests, tools). */
    public static StepMetrics in(MeterRegistry registry) {
        return new StepMetrics(registry, new Readings());
    }

    StepMetrics(MeterRegistry registry, Readings readings) {
        this.registry = registry;
        this.readings = readings;
        // every outcome and class from the start, at zero, so that rate() and alerts see them before the first event
        commands("ok");
        commands("failed");
        for (SshFailure failure : SshFailure.values()) {
            commands(label(failure));
            sshFailures(failure);
        }
    }

    /**
     * A step ended.
     *
     * @param step the step's task id in the model (e.g. {@code installContainerd}); anything that is
     *        not such an id is counted as {@code other}
     * @param outcome how it ended
     * @param duration from the step's start on this instance to its end, its retries not included
     */
    public void stepFinished(String step, StepOutcome outcome, Duration duration) {
        Timer.builder("kubeorch.step.duration")
                .description("Time steps took, by step and outcome")
                .tags("step", boundedStep(step), "outcome", outcome.label())
                .serviceLevelObjectives(STEP_BUCKETS)
                .register(registry)
                .record(duration);
    }

    /** A remote command ran to its end with {@code exitStatus}: outcome {@code ok} (0) or {@code failed}. */
    public void commandFinished(int exitStatus) {
        commands(exitStatus == 0 ? "ok" : "failed").increment();
    }

    /**
     * A remote command could not be run or did not finish ({@code SshException#failure()}): counts
     * the command under that failure and the SSH failure itself. Do not call {@link #sshFailed} for it too.
     */
    public void commandFailed(SshFailure failure) {
        commands(label(failure)).increment();
        sshFailures(failure).increment();
    }

    /** An SSH failure outside any command, e.g. connecting to a host for a step. */
    public void sshFailed(SshFailure failure) {
        sshFailures(failure).increment();
    }

    /**
     * Publishes {@code kubeorch_host_locks_held}, read from {@code heldNow} (a count query on the
     * lock table) at most every few seconds, on the metrics thread. Call once, at start-up.
     */
    public void hostLocksHeld(LongSupplier heldNow) {
        readings.add("hostLocks", heldNow);
        Gauge.builder("kubeorch.host.locks.held", readings, r -> r.value("hostLocks"))
                .description("Hosts locked by a running install or operation, on every instance")
                .register(registry);
    }

    private Counter commands(String outcome) {
        return Counter.builder("kubeorch.remote.commands")
                .description("Commands kubeorch ran on hosts, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    private Counter sshFailures(SshFailure failure) {
        return Counter.builder("kubeorch.ssh.failures")
                .description("SSH failures, by class")
                .tag("class", label(failure))
                .register(registry);
    }

    static String label(SshFailure failure) {
        return failure.name().toLowerCase(Locale.ROOT);
    }

    private String boundedStep(String step) {
        if (step == null || !STEP_ID.matcher(step).matches()) {
            log.warn("step metric for '{}', which is not a step id: counted as '{}'", step, OTHER_STEP);
            return OTHER_STEP;
        }
        if (steps.contains(step)) {
            return step;
        }
        if (steps.size() >= MAX_STEPS) {
            log.warn("more than {} step names in the step metrics: '{}' counted as '{}'", MAX_STEPS, step, OTHER_STEP);
            return OTHER_STEP;
        }
        steps.add(step);
        return step;
    }
}
