package io.kubeorch.engine;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Drives processes on the calling thread, with the job executor and the step workers off: runs
 * every job and every step's task that can run now, over and over, until the processes wait (a
 * user task, an incident, a timer not yet due). Retries run at once rather than after their delay;
 * timers fire only once the engine's clock has passed them ({@link #passTime}).
 */
final class ProcessDriver {

    private static final int MAX_ROUNDS = 500;

    private final ManagementService management;
    private final ExternalTaskService externalTasks;
    private final StepWorker worker;

    ProcessDriver(ManagementService management, ExternalTaskService externalTasks, StepWorker worker) {
        this.management = management;
        this.externalTasks = externalTasks;
        this.worker = worker;
    }

    /** Runs everything runnable until nothing is. */
    void drive() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            dueRetriesNow();
            List<LockedExternalTask> steps = worker.fetchAndLock(100);
            steps.forEach(worker::work);
            // the processes' jobs, not the engine's own (history cleanup, which always has a next run)
            List<Job> runnable = management.createJobQuery().withRetriesLeft().list().stream()
                    .filter(job -> job.getProcessInstanceId() != null).filter(ProcessDriver::due).toList();
            if (runnable.isEmpty() && steps.isEmpty()) {
                return;
            }
            for (Job job : runnable) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException failed) {
                    // the engine counted the failure on the job (retries, incident): as with the job executor
                }
            }
        }
        throw new AssertionError("the processes were still running after " + MAX_ROUNDS + " rounds");
    }

    /** Moves the engine's clock forward, then drives what became due. */
    void passTime(Duration duration) {
        ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
        drive();
    }

    /** A failed step waits out its retry delay locked; here it may run again at once. */
    private void dueRetriesNow() {
        externalTasks.createExternalTaskQuery().locked().withRetriesLeft().list().stream()
                .filter(task -> task.getErrorMessage() != null)
                .forEach(task -> externalTasks.unlock(task.getId()));
    }

    private static boolean due(Job job) {
        boolean timer = job instanceof org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
        return !timer || job.getDuedate() == null || !job.getDuedate().after(ClockUtil.getCurrentTime());
    }
}
