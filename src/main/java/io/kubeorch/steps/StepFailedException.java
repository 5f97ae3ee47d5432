package io.kubeorch.steps;

/** A step failed in a way worth retrying: the engine retries it, then shows an incident in Cockpit. */
public class StepFailedException extends RuntimeException {

    public StepFailedException(String message) {
        super(message);
    }
}
