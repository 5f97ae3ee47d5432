package io.kubeorch.model;

/**
 * Names of the {@code camunda:property} entries a step's task carries in the model: facts about
 * the step that the workers read from the model itself, so they never become process variables.
 */
public final class StepProperties {

    /** How long the step's commands may run (ISO 8601, e.g. {@code PT2M}), before kubeorch's timeout scale. */
    public static final String TIMEOUT = "timeout";

    private StepProperties() {
    }
}
