package io.kubeorch.engine;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Records every sequence flow the engine takes, as {@code process:flowId}, for the whole test JVM:
 * the path tests check at the end that every flow of every model was taken by one of them.
 */
final class TakenFlows extends AbstractProcessEnginePlugin {

    static final Set<String> TAKEN = ConcurrentHashMap.newKeySet();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        BpmnParseListener listener = new AbstractBpmnParseListener() {
            @Override
            public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl transition) {
                ExecutionListener record = execution -> TAKEN.add(
                        execution.getProcessDefinitionId().split(":")[0] + ":" + transition.getId());
                transition.addListener(ExecutionListener.EVENTNAME_TAKE, record);
            }
        };
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(listener);
    }
}
