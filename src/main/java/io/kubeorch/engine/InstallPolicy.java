package io.kubeorch.engine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Timings the process model reads through expressions such as {@code ${installPolicy.retryCycle}}.
 * Getters, not a record: the model's expression language reads bean properties.
 */
@Component("installPolicy")
@ConfigurationProperties("kubeorch.install")
public class InstallPolicy {

    static final Duration MIN_STEP_TIMEOUT = Duration.ofSeconds(10);

    /** How a failed step is retried before it becomes an incident: {@code R3/PT30S} or {@code PT10S,PT1M} (see RetrySchedule). */
    private String retryCycle = "R3/PT30S";
    /** How long the approval of kubeadm init may wait before the install ends unapproved. */
    private String approvalTimeout = "P7D";
    /** Pause between two readiness checks of the cluster. */
    private String readinessPollInterval = "PT5S";
    /** How long nodes and system pods may take to become Ready before an operator is asked. */
    private String readinessTimeout = "PT15M";
    /** Multiplies every step's modelled timeout: 2 for slow mirrors or hosts. */
    private double timeoutScale = 1.0;

    /** A step's timeout: its task's {@code timeout} property in the model (ISO 8601), scaled, at least 10 seconds. */
    Duration stepTimeout(String modelled) {
        Duration timeout = Duration.parse(modelled);
        return Duration.ofMillis(Math.max(MIN_STEP_TIMEOUT.toMillis(), Math.round(timeout.toMillis() * timeoutScale)));
    }

    /** Refuses a setting that cannot work, at start-up, naming it. */
    @PostConstruct
    void validate() {
        try {
            RetrySchedule.parse(retryCycle);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("kubeorch.install.retry-cycle: " + e.getMessage(), e);
        }
        for (var setting : Map.of("approval-timeout", approvalTimeout, "readiness-poll-interval",
                readinessPollInterval, "readiness-timeout", readinessTimeout).entrySet()) {
            try {
                Duration.parse(setting.getValue());
            } catch (DateTimeParseException e) {
                throw new IllegalStateException("kubeorch.install." + setting.getKey() + ": '" + setting.getValue()
                        + "' is not an ISO 8601 duration such as PT15M or P7D", e);
            }
        }
        if (!(timeoutScale > 0)) {
            throw new IllegalStateException("kubeorch.install.timeout-scale: must be above 0 (1.0 keeps the model's timeouts)");
        }
    }

    public double getTimeoutScale() {
        return timeoutScale;
    }

    public void setTimeoutScale(double timeoutScale) {
        this.timeoutScale = timeoutScale;
    }

    public String getRetryCycle() {
        return retryCycle;
    }

    public void setRetryCycle(String retryCycle) {
        this.retryCycle = retryCycle;
    }

    public String getApprovalTimeout() {
        return approvalTimeout;
    }

    public void setApprovalTimeout(String approvalTimeout) {
        this.approvalTimeout = approvalTimeout;
    }

    public String getReadinessPollInterval() {
        return readinessPollInterval;
    }

    public void setReadinessPollInterval(String readinessPollInterval) {
        this.readinessPollInterval = readinessPollInterval;
    }

    public String getReadinessTimeout() {
        return readinessTimeout;
    }

    public void setReadinessTimeout(String readinessTimeout) {
        this.readinessTimeout = readinessTimeout;
    }
}
