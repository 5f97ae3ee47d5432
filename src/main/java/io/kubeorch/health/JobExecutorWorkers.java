package io.kubeorch.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.stereotype.Component;

/**
 * The engine's job executor, which runs the steps today (each step is an asynchronous job). Read
 * from the engine, which has one even when job execution is switched off (then it is not active).
 */
@Component
class JobExecutorWorkers implements StepWorkers {

    private final JobExecutor jobExecutor;

    JobExecutorWorkers(ProcessEngine engine) {
        this.jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
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
