package io.kubeorch.install;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.kubeorch.monitoring.StepMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Frees the hosts of installs that ended without their end listener: at start-up (they may have
 * ended while kubeorch was down) and every half minute (cancelled in Cockpit with "skip custom
 * listeners", deleted through the REST API). A new install that finds such a lock frees it too.
 */
@Component
class HostLockSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HostLockSweeper.class);
    static final Duration EVERY = Duration.ofSeconds(30);

    private final HostLocks locks;
    private ScheduledExecutorService sweeper;

    HostLockSweeper(HostLocks locks, StepMetrics metrics) {
        this.locks = locks;
        metrics.hostLocksHeld(locks::count);
    }

    @Override
    public synchronized void start() {
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "host-lock-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, 0, EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    private void sweep() {
        try {
            int released = locks.releaseEnded();
            if (released > 0) {
                log.info("freed the hosts of {} installs that had ended", released);
            }
        } catch (RuntimeException e) {
            log.debug("host locks not swept this time: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return sweeper != null;
    }
}
