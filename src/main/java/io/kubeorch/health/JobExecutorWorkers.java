package io.kubeorch.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.stereotype.Component;

/** The engine's job executor, which runs the steps today (each step is an asynchronous job). */
@Component
class JobExecutorWorkers implements StepWorkers {

    private final JobExecutor jobExecutor;

    JobExecutorWorkers(JobExecutor jobExecutor) {
        this.jobExecutor = jobExecutor;
    }

    @Override
    public boolean running() {
        return jobExecutor.isActive();
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", "job executor");
        details.put("lockOwner", jobExecutor.getLockOwner());
        details.put("lockTimeMillis", jobExecutor.getLockTimeInMillis());
        details.put("maxJobsPerAcquisition", jobExecutor.getMaxJobsPerAcquisition());
        return details;
    }
}
