package io.kubeorch.engine;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.ExternalTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Wakes this instance's step workers when a transaction that created a step's task commits, so a
 * node's next step starts at once instead of at the next poll. (Only the local workers: other
 * instances find it by polling.)
 */
final class StepHandOver extends AbstractBpmnParseListener {

    private final Runnable wake;

    StepHandOver(Runnable wake) {
        this.wake = wake;
    }

    @Override
    public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof ExternalTaskActivityBehavior) {
            ExecutionListener afterCommit = execution -> Context.getCommandContext().getTransactionContext()
                    .addTransactionListener(TransactionState.COMMITTED, committed -> wake.run());
            activity.addListener(ExecutionListener.EVENTNAME_START, afterCommit);
        }
    }
}
