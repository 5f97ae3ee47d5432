package io.kubeorch.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.kubeorch.database.Outages;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the engine how a step ended, and keeps telling it while the database is out of reach: a
 * step's result is not lost because the database restarted while the host worked. A task that is
 * gone (cancelled) or passed to another instance meanwhile is let go: the result has no one to go to.
 */
final class StepReports {

    private static final Logger log = LoggerFactory.getLogger(StepReports.class);
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);
    /** The engine keeps at most this much of an error message on the task and its incident. */
    static final int MESSAGE_LIMIT = 666;

    private final ExternalTaskService tasks;
    private final String workerId;
    private final Duration patience;
    private final TransactionTemplate oneTransaction;

    StepReports(ExternalTaskService tasks, String workerId, Duration patience, PlatformTransactionManager transactions) {
        this.tasks = tasks;
        this.workerId = workerId;
        this.patience = patience;
        this.oneTransaction = new TransactionTemplate(transactions);
    }

    /**
     * Completes the task and, in the same transaction, takes what {@code next} fetches (the
     * node's next step, which the completion has just created): one commit for the hand-over
     * instead of two, and no wait for the fetcher.
     *
     * @return the tasks {@code next} locked, to run now; none when the report could not be made
     */
    List<LockedExternalTask> complete(LockedExternalTask task, StepCancellation cancellation, Map<String, Object> variables,
            Supplier<List<LockedExternalTask>> next) {
        List<List<LockedExternalTask>> taken = new ArrayList<>();
        report(task, cancellation, "its result", service -> taken.add(oneTransaction.execute(status -> {
            service.complete(task.getId(), workerId, variables);
            return next.get();
        })));
        return taken.isEmpty() ? List.of() : taken.get(0);
    }

    void bpmnError(LockedExternalTask task, StepCancellation cancellation, String errorCode, String message) {
        report(task, cancellation, "its decision " + errorCode,
                service -> service.handleBpmnError(task.getId(), workerId, errorCode, message));
    }

    /**
     * @param message what the incident says, its first line short (step, node, what failed)
     * @param details all of it, for Cockpit's details
     */
    void fail(LockedExternalTask task, StepCancellation cancellation, String message, String details, int retriesLeft,
            Duration retryDelay) {
        report(task, cancellation, "its failure", service -> service.handleFailure(task.getId(), workerId,
                cut(message), details, retriesLeft, retryDelay.toMillis()));
    }

    private void report(LockedExternalTask task, StepCancellation cancellation, String what,
            Consumer<ExternalTaskService> call) {
        if (!cancellation.end()) {
            return; // stopped first (its task gone, or passed on): no one to report to
        }
        long deadline = System.nanoTime() + patience.toNanos();
        Duration wait = Duration.ofMillis(200);
        boolean warned = false;
        while (true) {
            try {
                call.accept(tasks);
                if (warned) {
                    log.info("step {} of process {}: {} reached the engine", task.getActivityId(),
                            task.getProcessInstanceId(), what);
                }
                return;
            } catch (NotFoundException e) {
                log.info("step {} of process {} is gone (cancelled, or its install ended): {} is dropped",
                        task.getActivityId(), task.getProcessInstanceId(), what);
                return;
            } catch (BadUserRequestException e) {
                log.warn("step {} of process {}: {} is dropped, the task is no longer this instance's ({})",
                        task.getActivityId(), task.getProcessInstanceId(), what, e.getMessage());
                return;
            } catch (RuntimeException e) {
                if (Collisions.collidedWithAnotherCommit(e)) {
                    // the process moved meanwhile (a timer fired, an operator cancelled): try again at once
                    wait = Duration.ofMillis(50);
                } else if (!Outages.isOutage(e) || System.nanoTime() > deadline) {
                    throw e;
                } else if (!warned) {
                    log.warn("step {} of process {}: the database is out of reach, {} waits for it ({})",
                            task.getActivityId(), task.getProcessInstanceId(), what, e.getMessage());
                    warned = true;
                }
            }
            if (!sleep(wait)) {
                log.info("step {} of process {}: kubeorch is stopping, {} is dropped", task.getActivityId(),
                        task.getProcessInstanceId(), what);
                return;
            }
            wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
        }
    }

    private static String cut(String message) {
        return message.length() <= MESSAGE_LIMIT ? message : message.substring(0, MESSAGE_LIMIT - 3) + "...";
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
