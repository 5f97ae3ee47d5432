package io.kubeorch.engine;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Timings the process model reads through expressions such as {@code ${installPolicy.retryCycle}}.
 * Getters, not a record: the model's expression language reads bean properties.
 */
@Component("installPolicy")
@ConfigurationProperties("kubeorch.install")
public class InstallPolicy {

    static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(10);
    static final Duration MIN_STEP_TIMEOUT = Duration.ofSeconds(10);

    /** How a failed step is retried before it becomes an incident (ISO 8601 repeat or list of durations). */
    private String retryCycle = "R3/PT30S";
    /** How long the approval of kubeadm init may wait before the install ends unapproved. */
    private String approvalTimeout = "P7D";
    /** Pause between two readiness checks of the cluster. */
    private String readinessPollInterval = "PT5S";
    /** How long nodes and system pods may take to become Ready before an operator is asked. */
    private String readinessTimeout = "PT15M";
    /** Multiplies every step's modelled timeout: 2 for slow mirrors or hosts. */
    private double timeoutScale = 1.0;

    /** A step's timeout: its modelled {@code timeout} input parameter (ISO 8601), scaled, at least 10 seconds. */
    Duration stepTimeout(Object modelled) {
        Duration timeout = modelled == null ? DEFAULT_STEP_TIMEOUT : Duration.parse(modelled.toString());
        return Duration.ofMillis(Math.max(MIN_STEP_TIMEOUT.toMillis(), Math.round(timeout.toMillis() * timeoutScale)));
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
