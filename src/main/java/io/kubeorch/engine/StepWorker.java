package io.kubeorch.engine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.kubeorch.engine.StepSpecs.ModelMismatchException;
import io.kubeorch.engine.StepSpecs.Spec;
import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.Node;
import io.kubeorch.health.StepWorkers;
import io.kubeorch.model.ErrorCodes;
import io.kubeorch.model.Topics;
import io.kubeorch.monitoring.StepMetrics;
import io.kubeorch.monitoring.StepOutcome;
import io.kubeorch.model.Variables;
import io.kubeorch.ssh.SshException;
import io.kubeorch.ssh.SshFailure;
import io.kubeorch.steps.DecisionRequiredException;
import io.kubeorch.steps.HostCheck;
import io.kubeorch.steps.StepFailedException;
import io.kubeorch.steps.StepResult;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * kubeorch's in-process workers: every step is an external task, fetched and locked here under
 * this instance's identity with a short lock, run on a thread of its own while the lock is
 * extended, then completed, failed (retried per the model's cycle, then an incident) or turned
 * into a BPMN error for an operator's decision. No database transaction is open while a host
 * works. A committed hand-over wakes the fetcher at once ({@link StepHandOver}); work created by
 * other instances, and retries that fall due, are found by polling.
 */
@Component
class StepWorker implements SmartLifecycle, StepWorkers {

    private static final Logger log = LoggerFactory.getLogger(StepWorker.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final ExternalTaskService tasks;
    private final StepSpecs specs;
    private final StepRunner runner;
    private final HostChecks hostChecks;
    private final EngineInstance instance;
    private final WorkerSettings settings;
    private final StepReports reports;
    private final StepMetrics metrics;

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final ExecutorService steps = Executors.newCachedThreadPool(Threads.named("step"));
    private final ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor(Threads.named("step-locks"));
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean active;
    private Thread fetcher;

    StepWorker(ExternalTaskService tasks, StepSpecs specs, StepRunner runner, HostChecks hostChecks,
            EngineInstance instance, WorkerSettings settings, StepMetrics metrics, PlatformTransactionManager transactions) {
        this.tasks = tasks;
        this.specs = specs;
        this.runner = runner;
        this.hostChecks = hostChecks;
        this.instance = instance;
        this.settings = settings;
        this.metrics = metrics;
        this.reports = new StepReports(tasks, instance.id(), settings.reportPatience(), transactions);
    }

    /** A locked task being worked on, with what it takes to stop it. */
    private record Running(LockedExternalTask task, StepCancellation cancellation) {
    }

    /** Something new may be fetchable: look now rather than at the next poll. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    @Override
    public void start() {
        active = true;
        long every = settings.extendEvery().toMillis();
        keeper.scheduleWithFixedDelay(this::extendLocks, every, every, TimeUnit.MILLISECONDS);
        fetcher = Threads.named("step-fetcher").newThread(this::fetchLoop);
        fetcher.start();
        log.info("step workers of instance '{}' started: up to {} steps at once, lock {} s", instance.id(),
                settings.maxParallel(), settings.lockDuration().toSeconds());
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    @Override
    public boolean isRunning() {
        return active;
    }

    /** For the health check: an instance whose workers are switched off is well, it just runs no steps. */
    @Override
    public boolean running() {
        return !settings.enabled() || (active && fetcher != null && fetcher.isAlive());
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("instance", instance.id());
        details.put("enabled", settings.enabled());
        details.put("running", running.size());
        details.put("maxParallel", settings.maxParallel());
        details.put("lockDurationSeconds", settings.lockDuration().toSeconds());
        return details;
    }

    /** Stops fetching, lets running steps end for a while, then stops them and hands them back for another instance. */
    @Override
    public void stop() {
        active = false;
        wake();
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
        }
        for (Running run : running.values()) {
            run.cancellation().cancel("kubeorch is stopping");
            try {
                tasks.unlock(run.task().getId());
                log.info("install {} step {}: handed back unfinished (kubeorch is stopping)", installId(run.task()),
                        run.task().getActivityId());
            } catch (RuntimeException e) {
                log.warn("step {} could not be handed back ({}); its lock expires within {} s", run.task().getActivityId(),
                        e.getMessage(), settings.lockDuration().toSeconds());
            }
        }
        keeper.shutdownNow();
        steps.shutdownNow();
    }

    private void fetchLoop() {
        Duration backoff = Duration.ofMillis(250);
        boolean warned = false;
        while (active) {
            boolean full = false;
            try {
                int free = settings.maxParallel() - running.size();
                if (free > 0) {
                    List<LockedExternalTask> locked = fetchAndLock(free);
                    locked.forEach(this::begin);
                    full = locked.size() == free;
                } else {
                    full = false;
                }
                backoff = Duration.ofMillis(250);
                if (warned) {
                    log.info("step workers reach the database again");
                    warned = false;
                }
            } catch (RuntimeException e) {
                if (!warned) {
                    log.warn("step workers cannot fetch work ({}); trying again", e.getMessage());
                    warned = true;
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                continue;
            }
            if (!full) {
                awaitSignal();
            }
        }
    }

    /**
     * The next step of the same process (the same business key), if there is room for it and it
     * is a step; fetched in the transaction that completes {@code done}.
     */
    private List<LockedExternalTask> nextOf(LockedExternalTask done) {
        if (!active || running.size() > settings.maxParallel() || done.getBusinessKey() == null) {
            return List.of();
        }
        long lock = settings.lockDuration().toMillis();
        return tasks.fetchAndLock(1, instance.id())
                .topic(Topics.STEP, lock).businessKey(done.getBusinessKey()).variables(Variables.INSTALL_ID, Variables.NODE_NAME)
                .execute();
    }

    /** Fetches as many tasks as there is room for; a test drives this directly, without the fetcher. */
    List<LockedExternalTask> fetchAndLock(int max) {
        long lock = settings.lockDuration().toMillis();
        return tasks.fetchAndLock(max, instance.id())
                .topic(Topics.STEP, lock).variables(Variables.INSTALL_ID, Variables.NODE_NAME)
                .topic(Topics.HOST_CHECK, lock).variables(Variables.INSTALL_ID)
                .execute();
    }

    private void awaitSignal() {
        synchronized (signal) {
            if (!woken && active) {
                try {
                    signal.wait(settings.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    active = false;
                }
            }
            woken = false;
        }
    }

    private void begin(LockedExternalTask task) {
        Running run = new Running(task, new StepCancellation());
        if (running.putIfAbsent(task.getId(), run) != null) {
            // our own run's lock expired while the database was away, and the fetch took it again:
            // that run goes on and reports; the fresh lock is what it extends from now on
            return;
        }
        steps.execute(() -> {
            try {
                work(run);
            } finally {
                running.remove(task.getId());
                wake();
            }
        });
    }

    /** Runs one locked task to its report; a test calls it on its own thread. */
    void work(LockedExternalTask task) {
        work(new Running(task, new StepCancellation()));
    }

    private void work(Running run) {
        LockedExternalTask task = run.task();
        Spec spec;
        try {
            spec = specs.of(task.getProcessDefinitionId(), task.getActivityId(), task.getTopicName());
        } catch (ModelMismatchException e) {
            log.error("install {} task {}: {}", installId(task), task.getActivityId(), e.getMessage());
            reports.fail(task, run.cancellation(), e.getMessage(), e.getMessage(), 0, Duration.ZERO);
            return;
        }
        String where = spec.onEveryNode() ? "every node" : nodeName(task);
        long started = System.nanoTime();
        StepOutcome outcome = StepOutcome.FAILED;
        try {
            StepRunner.Call call = runner.call(installId(task), spec.onEveryNode() ? null : nodeNameOf(task),
                    spec.timeout(), run.cancellation());
            Map<String, Object> variables = new HashMap<>();
            if (spec.onEveryNode()) {
                variables.put(Variables.HOST_SUMMARY, hostChecks.run((HostCheck) spec.step(), call));
            } else {
                Node node = node(call.inventory(), task);
                where = node.name();
                StepResult result = runner.run(spec.step(), call, node);
                result.facts().forEach((fact, value) -> {
                    if (spec.step().processVariables().contains(fact)) {
                        variables.put(fact, value);
                    }
                });
            }
            List<LockedExternalTask> next = reports.complete(task, run.cancellation(), variables, () -> nextOf(task));
            outcome = StepOutcome.COMPLETED;
            next.forEach(this::begin);
        } catch (DecisionRequiredException e) {
            outcome = StepOutcome.DECISION_REQUIRED;
            log.info("install {} node {} step {}: needs an operator's decision ({})", installId(task), where,
                    spec.activityId(), e.errorCode());
            reports.bpmnError(task, run.cancellation(), e.errorCode(),
                    spec.onEveryNode() ? e.getMessage() : where + ": " + e.getMessage());
        } catch (RuntimeException e) {
            if (run.cancellation().cancelled()) {
                outcome = StepOutcome.CANCELLED;
                log.info("install {} node {} step {}: stopped ({})", installId(task), where, spec.activityId(),
                        firstLine(e.getMessage()));
                return;
            }
            if (e instanceof SshException ssh && ssh.failure() == SshFailure.TIMEOUT) {
                outcome = StepOutcome.TIMED_OUT;
            }
            if (failed(spec, task, run, where, e)) {
                outcome = StepOutcome.DECISION_REQUIRED;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = StepOutcome.CANCELLED;
            run.cancellation().cancel("kubeorch is stopping");
        } finally {
            metrics.stepFinished(spec.activityId(), outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** The node of the task's per-node process, or the first control plane for a task of the operation itself. */
    private static Node node(Inventory inventory, LockedExternalTask task) {
        String nodeName = nodeNameOf(task);
        return nodeName != null ? inventory.requireNode(nodeName) : inventory.firstControlPlane();
    }

    private static String nodeNameOf(LockedExternalTask task) {
        Object nodeName = task.getVariables() == null ? null : task.getVariables().get(Variables.NODE_NAME);
        return nodeName == null ? null : nodeName.toString();
    }

    /**
     * A failure worth retrying is retried per the model's cycle, then becomes an incident; one that
     * retrying cannot fix (authentication, host key, sudo refused) becomes an incident at once. A
     * host out of reach through all the retries of a task whose model catches that goes to an
     * operator's decision instead. Either way one log line; a stack trace only where kubeorch itself
     * is at fault.
     *
     * @return whether it went to a decision
     */
    private boolean failed(Spec spec, LockedExternalTask task, Running run, String node, RuntimeException e) {
        boolean expected = e instanceof StepFailedException || e instanceof SshException;
        boolean retryable = !(e instanceof SshException ssh) || ssh.failure().retryable();
        RetrySchedule.Next next = retryable ? spec.retries().afterFailure(task.getRetries()) : new RetrySchedule.Next(0, Duration.ZERO);
        int attempt = attempt(spec, task);
        if (next.retriesLeft() == 0 && spec.decidesOnUnreachableHost() && e instanceof SshException ssh
                && ssh.failure() == SshFailure.UNREACHABLE) {
            log.warn("install {} node {} step {} attempt {} failed (host still out of reach, an operator decides): {}",
                    installId(task), node, spec.activityId(), attempt, firstLine(e.getMessage()));
            reports.bpmnError(task, run.cancellation(), ErrorCodes.HOST_UNREACHABLE, e.getMessage()); // it names the node
            return true;
        }
        // an incident's message starts with one short line naming the step, the node and what failed
        String message = expected && e.getMessage() != null ? e.getMessage()
                : spec.activityId() + " on " + node + ": kubeorch itself failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())) + ")\nRetry the step; if it"
                        + " fails the same way, report the stack trace in the incident's details as a kubeorch bug.";
        String outcome = next.retriesLeft() > 0 ? "retried in " + next.delay().toSeconds() + " s"
                : retryable ? "no retries left, incident raised" : "retrying cannot fix this, incident raised";
        if (expected) {
            log.warn("install {} node {} step {} attempt {} failed ({}): {}", installId(task), node, spec.activityId(),
                    attempt, outcome, firstLine(message));
        } else {
            log.error("install {} node {} step {} attempt {} failed ({}): a kubeorch fault", installId(task), node,
                    spec.activityId(), attempt, outcome, e);
        }
        String details = expected ? message : message + "\n\n" + stackTrace(e);
        reports.fail(task, run.cancellation(), message, details, next.retriesLeft(), next.delay());
        return false;
    }

    /**
     * Which run of the step failed: the first has no retries set yet; each later one has one fewer
     * left of the cycle's. (After Cockpit's retry, which sets 1 left, it counts as the cycle's last.)
     */
    private static int attempt(Spec spec, LockedExternalTask task) {
        int runs = spec.retries().delays().size() + 1;
        return task.getRetries() == null ? 1 : Math.max(2, runs + 1 - task.getRetries());
    }

    private void extendLocks() {
        for (Running run : running.values()) {
            try {
                extendLock(run);
            } catch (RuntimeException e) {
                // the database may be away: the lock holds until it expires; try again next round
                log.debug("lock of step {} not extended: {}", run.task().getActivityId(), e.getMessage());
            }
        }
    }

    private void extendLock(Running run) {
        try {
            tasks.extendLock(run.task().getId(), instance.id(), settings.lockDuration().toMillis());
        } catch (NotFoundException e) {
            lost(run, "its task is gone: the install was cancelled or ended");
        } catch (BadUserRequestException e) {
            // its lock expired (the database was away longer than the lock) or another instance took it
            ExternalTask now = tasks.createExternalTaskQuery().externalTaskId(run.task().getId()).singleResult();
            if (now == null) {
                lost(run, "its task is gone: the install was cancelled or ended");
            } else if (!instance.id().equals(now.getWorkerId())) {
                lost(run, "its lock passed to instance " + now.getWorkerId());
            }
        }
    }

    /** The task is no longer this instance's to run: stop the step, unless it has just ended and reports. */
    private void lost(Running run, String why) {
        if (run.cancellation().cancel(why)) {
            log.warn("install {} node {} step {}: stopped it, {}", installId(run.task()), nodeName(run.task()),
                    run.task().getActivityId(), why);
        }
    }

    @Override
    public int getPhase() {
        // stop before the engine and the web server, start after them
        return Integer.MAX_VALUE - 10;
    }

    private static String installId(LockedExternalTask task) {
        Object id = task.getVariables() == null ? null : task.getVariables().get(Variables.INSTALL_ID);
        return id != null ? id.toString() : task.getBusinessKey();
    }

    private static String nodeName(LockedExternalTask task) {
        Object node = task.getVariables() == null ? null : task.getVariables().get(Variables.NODE_NAME);
        return node != null ? node.toString() : "cluster";
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static String stackTrace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
