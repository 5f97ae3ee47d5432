package io.kubeorch.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code stepWorkers}: down when nothing picks up steps, so installs would stand still. */
@Component
class StepWorkersHealthIndicator implements HealthIndicator {

    private final StepWorkers workers;

    StepWorkersHealthIndicator(StepWorkers workers) {
        this.workers = workers;
    }

    @Override
    public Health health() {
        Health.Builder health = workers.running() ? Health.up()
                : Health.down().withDetail("error", "the step workers are stopped: no step runs; restart kubeorch");
        return health.withDetails(workers.details()).build();
    }
}
