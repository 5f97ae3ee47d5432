package io.kubeorch.health;

import java.util.Map;

/**
 * What runs kubeorch's steps (the engine module's step workers), as the {@code stepWorkers} health
 * indicator sees it.
 */
public interface StepWorkers {

    /** Whether steps are being picked up: false when the workers stopped or died. */
    boolean running();

    /** What an operator reading {@code /actuator/health} wants to know; no secrets. */
    Map<String, Object> details();
}
