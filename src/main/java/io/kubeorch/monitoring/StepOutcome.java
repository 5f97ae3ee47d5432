package io.kubeorch.monitoring;

/** How a step ended, as the {@code outcome} label of {@code kubeorch_step_duration_seconds}. */
public enum StepOutcome {
    /** The script ran to its end and the step's result was handed to the engine. */
    COMPLETED("completed"),
    /** The step failed; the engine retries it or, retries spent, opens an incident. */
    FAILED("failed"),
    /** The step found something an operator must decide on (a BPMN error to a decision task). */
    DECISION_REQUIRED("decision_required"),
    /** The step ran past its timeout (the model's) and its remote command was killed. */
    TIMED_OUT("timed_out"),
    /** The step stopped because its install ended meanwhile (cancelled, deleted). */
    CANCELLED("cancelled");

    private final String label;

    StepOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
