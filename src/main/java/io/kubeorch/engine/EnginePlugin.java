package io.kubeorch.engine;

import java.util.ArrayList;
import java.util.List;

import io.kubeorch.install.HostLocks;
import io.kubeorch.model.Processes;
import io.kubeorch.model.Variables;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * kubeorch's hooks into the engine: the instance's identity on the jobs it locks, taken (and the
 * previous run's locks released) before the job executor and the step workers start; the hand-over
 * that wakes the workers; the end of every operation's process, which frees its hosts; and an
 * operator's cancel, run again when a step's commit got in its way.
 */
@Component
@DependsOn("flywayInitializer") // the instance table must exist before the engine starts
class EnginePlugin extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(EnginePlugin.class);

    private final EngineInstance instance;
    private final ObjectProvider<StepWorker> workers;
    private final ObjectProvider<HostLocks> hostLocks;
    private final JdbcTemplate jdbc;

    EnginePlugin(EngineInstance instance, ObjectProvider<StepWorker> workers, ObjectProvider<HostLocks> hostLocks,
            JdbcTemplate jdbc) {
        this.instance = instance;
        this.workers = workers;
        this.hostLocks = hostLocks;
        this.jdbc = jdbc;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new StepHandOver(() -> workers.getObject().wake()));
        listeners.add(new OperationEnd());
        configuration.setCustomPostBPMNParseListeners(listeners);
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new CancelRetry());
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getJobExecutor() != null) {
            configuration.getJobExecutor().setLockOwner(instance.id());
        }
    }

    /** The engine is built and nothing runs yet: take the identity and free what its previous run held. */
    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        instance.claim();
        List<ExternalTask> held = engine.getExternalTaskService().createExternalTaskQuery()
                .workerId(instance.id()).locked().list();
        held.forEach(task -> engine.getExternalTaskService().unlock(task.getId()));
        // the engine has no call to unlock a job; its lock columns are what acquisition looks at
        int jobs = jdbc.update("UPDATE " + engine.getManagementService().getTableName(JobEntity.class)
                + " SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL, REV_ = REV_ + 1 WHERE LOCK_OWNER_ = ?", instance.id());
        if (!held.isEmpty() || jobs > 0) {
            log.info("instance '{}' released what its previous run held: {} steps, {} jobs", instance.id(),
                    held.size(), jobs);
        }
    }

    /** Frees an operation's hosts however its process ends: completed, rejected, aborted, cancelled, deleted. */
    private final class OperationEnd extends AbstractBpmnParseListener {
        @Override
        public void parseProcess(Element element, ProcessDefinitionEntity process) {
            if (Processes.OPERATIONS.contains(element.attribute("id"))) {
                ExecutionListener release = execution -> {
                    Object installId = execution.getVariable(Variables.INSTALL_ID);
                    if (installId != null) {
                        hostLocks.getObject().release(installId.toString());
                    }
                };
                process.addListener(ExecutionListener.EVENTNAME_END, release);
            }
        }
    }
}
