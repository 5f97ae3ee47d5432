package io.kubeorch.steps;

/**
 * A step found something an operator must decide on (preflight says the host is unfit, a node
 * stays NotReady). Retrying alone will not help; the process routes it to a user task offering
 * retry, reset node and retry, or abort.
 *
 * @see #errorCode()
 */
public class DecisionRequiredException extends RuntimeException {

    private final String errorCode;

    public DecisionRequiredException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    /** The BPMN error code the process catches, e.g. {@code PREFLIGHT_FAILED}. */
    public String errorCode() {
        return errorCode;
    }
}
