package io.kubeorch.engine;

import java.time.Duration;

import jakarta.annotation.PostConstruct;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** How kubeorch's step workers take and hold work ({@code kubeorch.steps.*}); see docs/production.md. */
@Component
@ConfigurationProperties("kubeorch.steps")
class WorkerSettings {

    /** Whether this instance runs steps at all; off, it serves the web apps and the API only. */
    private boolean enabled = true;
    /**
     * How long a fetched step stays locked to this instance without word from it. The lock is
     * extended every third of it while the step runs, so a live instance keeps its steps however
     * long they run; a dead one's steps are taken over within this time.
     */
    private Duration lockDuration = Duration.ofSeconds(60);
    /** How often an idle instance looks for work it was not woken for (steps other instances handed over, retries due). */
    private Duration pollInterval = Duration.ofSeconds(1);
    /** How many steps this instance runs at once: a node being prepared is one. */
    private int maxParallel = 256;
    /** How long a stopping instance waits for running steps to end before it stops them and hands them back. */
    private Duration shutdownGrace = Duration.ofSeconds(20);
    /** How long a finished step's result is offered to an unreachable database before it is given up (the step then runs again). */
    private Duration reportPatience = Duration.ofMinutes(10);

    @PostConstruct
    void validate() {
        if (lockDuration.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalStateException("kubeorch.steps.lock-duration: at least PT3S (it is extended every third of it)");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalStateException("kubeorch.steps.poll-interval: must be positive, e.g. PT1S");
        }
        if (maxParallel < 1) {
            throw new IllegalStateException("kubeorch.steps.max-parallel: at least 1");
        }
    }

    boolean enabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    Duration lockDuration() {
        return lockDuration;
    }

    Duration extendEvery() {
        return lockDuration.dividedBy(3);
    }

    public void setLockDuration(Duration lockDuration) {
        this.lockDuration = lockDuration;
    }

    Duration pollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    int maxParallel() {
        return maxParallel;
    }

    public void setMaxParallel(int maxParallel) {
        this.maxParallel = maxParallel;
    }

    Duration shutdownGrace() {
        return shutdownGrace;
    }

    public void setShutdownGrace(Duration shutdownGrace) {
        this.shutdownGrace = shutdownGrace;
    }

    Duration reportPatience() {
        return reportPatience;
    }

    public void setReportPatience(Duration reportPatience) {
        this.reportPatience = reportPatience;
    }
}
