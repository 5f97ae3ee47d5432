package io.kubeorch.health;

import java.util.Map;

/**
 * What runs kubeorch's steps, as the {@code stepWorkers} health indicator sees it. Today that is
 * the engine's job executor ({@link JobExecutorWorkers}); a core with workers of its own replaces
 * that bean with one of its own.
 */
public interface StepWorkers {

    /** Whether steps are being picked up: false when the workers stopped or died. */
    boolean running();

    /** What an operator reading {@code /actuator/health} wants to know; no secrets. */
    Map<String, Object> details();
}
