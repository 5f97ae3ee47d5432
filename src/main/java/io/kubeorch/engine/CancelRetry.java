package io.kubeorch.engine;

import java.time.Duration;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessInstancesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An operator's cancel (Cockpit's, or {@code DELETE /process-instance}) collides with the steps that
 * commit at the same moment: a step's completion changes the executions the cancel is deleting
 * ({@link Collisions}). That means only "read again", and the operator meant the cancel: it is run
 * again in a fresh transaction rather than answered with a 500 to be clicked again.
 */
final class CancelRetry extends CommandInterceptor {

    private static final Logger log = LoggerFactory.getLogger(CancelRetry.class);

    static final int ATTEMPTS = 5;
    private static final Duration PAUSE = Duration.ofMillis(100);

    @Override
    public <T> T execute(Command<T> command) {
        if (!isCancel(command) || insideAnotherTransaction()) {
            return next.execute(command);
        }
        for (int attempt = 1;; attempt++) {
            try {
                return next.execute(command);
            } catch (ProcessEngineException failure) {
                if (attempt == ATTEMPTS || !Collisions.collidedWithAnotherCommit(failure)) {
                    throw failure;
                }
                log.info("a cancel collided with a step committing at the same moment ({}): trying again",
                        failure.getClass().getSimpleName());
                pause(attempt);
            }
        }
    }

    private static boolean isCancel(Command<?> command) {
        return command instanceof DeleteProcessInstanceCmd || command instanceof DeleteProcessInstancesCmd;
    }

    /** Run by other code inside its transaction, a retry here would repeat only part of it. */
    private static boolean insideAnotherTransaction() {
        return Context.getCommandContext() != null || TransactionSynchronizationManager.isActualTransactionActive();
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(PAUSE.multipliedBy(attempt).toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ProcessEngineException("interrupted while waiting to cancel again", interrupted);
        }
    }
}
