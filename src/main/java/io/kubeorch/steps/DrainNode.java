package io.kubeorch.steps;

import java.time.Duration;
import java.util.Map;

import io.kubeorch.model.ErrorCodes;
import io.kubeorch.ssh.RemoteCommand;
import io.kubeorch.ssh.ScriptOutput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Removing a node: cordon and drain it with kubectl on a control plane (the others first),
 * DaemonSet pods left in place, for at most {@code kubeorch.cluster.drain-timeout} (and less than
 * the step's own timeout). Pods that would not move in that time (no controller would recreate
 * them, their disruption budget allows none now) are an operator's decision
 * ({@code DRAIN_FAILED}, naming each pod and why): kubeorch never forces them. Runs
 * {@code scripts/drain-node.sh}.
 */
@Component("drainNode")
class DrainNode extends ScriptStep {

    /** What is left of the step's timeout for kubectl to give up and report, after the drain's own. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private final Duration drainTimeout;

    @Autowired
    DrainNode(@Value("${kubeorch.cluster.drain-timeout:PT5M}") String drainTimeout) {
        this(Duration.parse(drainTimeout));
    }

    DrainNode(Duration drainTimeout) {
        super("drainNode", "drain-node.sh");
        if (drainTimeout.isNegative() || drainTimeout.isZero()) {
            throw new IllegalStateException("kubeorch.cluster.drain-timeout: must be positive, e.g. PT5M");
        }
        this.drainTimeout = drainTimeout;
    }

    @Override
    public StepResult run(StepContext context) {
        Duration timeout = timeout(context.timeout());
        RemoteCommand command = script().command(context.timeout())
                .env("NODE_NAME", context.node().name())
                .env("DRAIN_TIMEOUT", Long.toString(timeout.toSeconds()))
                .build();
        ScriptOutput output = ThroughControlPlanes.run(context, name(), script(), command,
                ThroughControlPlanes.candidates(context, true), "reach the API").output();
        if ("false".equals(output.fact("drained"))) {
            throw new DecisionRequiredException(ErrorCodes.DRAIN_FAILED,
                    DrainRefusal.describe(context.node().name(), timeout, output.fact("drainOutput")));
        }
        StepResult result = toResult(output);
        return new StepResult(result.changed(), Map.copyOf(result.facts()));
    }

    /** The drain's own timeout: the setting, and short enough that kubectl reports before the step times out. */
    Duration timeout(Duration stepTimeout) {
        Duration room = stepTimeout.minus(MARGIN);
        Duration bounded = drainTimeout.compareTo(room) < 0 ? drainTimeout : room;
        return bounded.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : bounded;
    }
}
