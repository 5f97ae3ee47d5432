package io.kubeorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.kubeorch.model.Processes;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

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
 * each path test class checks at its end that its processes' flows were all taken, and every
 * deployed process is one class's (so a new process cannot go without path tests).
 */
final class TakenFlows extends AbstractProcessEnginePlugin {

    static final Set<String> TAKEN = ConcurrentHashMap.newKeySet();

    /** The processes whose every flow {@link InstallPathsTest} takes. */
    static final Set<String> INSTALL_PATHS = Set.of(Processes.INSTALL, Processes.PREPARE_NODE, Processes.JOIN_NODE,
            Processes.UPDATE_NODE);
    /** The processes whose every flow {@link ClusterPathsTest} takes. */
    static final Set<String> CLUSTER_PATHS = Set.of(Processes.ADD_NODES, Processes.REMOVE_NODE, Processes.TEARDOWN,
            Processes.RESET_NODE);

    /** Fails naming every flow of these processes that no test of this JVM took. */
    static void assertEveryFlowTaken(RepositoryService repository, Set<String> processes) {
        List<String> never = new ArrayList<>();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
            if (!processes.contains(definition.getKey())) {
                continue;
            }
            for (SequenceFlow flow : repository.getBpmnModelInstance(definition.getId())
                    .getModelElementsByType(SequenceFlow.class)) {
                if (!TAKEN.contains(definition.getKey() + ":" + flow.getId())) {
                    never.add(definition.getKey() + ":" + flow.getId());
                }
            }
        }
        assertThat(never).as("flows no path test took").isEmpty();
        assertThat(repository.createProcessDefinitionQuery().latestVersion().list())
                .extracting(ProcessDefinition::getKey).containsAll(processes);
    }

    /** Every deployed process is one path test class's. */
    static void assertEveryProcessHasPathTests(RepositoryService repository) {
        assertThat(repository.createProcessDefinitionQuery().latestVersion().list())
                .extracting(ProcessDefinition::getKey).as("processes with a path test class (TakenFlows)")
                .allMatch(key -> Stream.of(INSTALL_PATHS, CLUSTER_PATHS).anyMatch(set -> set.contains(key)));
    }

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
