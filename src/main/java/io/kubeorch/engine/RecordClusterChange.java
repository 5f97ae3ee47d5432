package io.kubeorch.engine;

import io.kubeorch.cluster.ClusterRecords;
import io.kubeorch.model.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Where a model says the cluster has changed ({@code ${recordClusterChange}}: the install's end,
 * the day-2 processes' "recorded" events), kubeorch's record of the cluster follows, in the same
 * transaction as the process.
 */
@Component("recordClusterChange")
class RecordClusterChange implements ExecutionListener {

    private final ClusterRecords records;

    RecordClusterChange(ClusterRecords records) {
        this.records = records;
    }

    @Override
    public void notify(DelegateExecution execution) {
        records.changed((String) execution.getVariable(Variables.INSTALL_ID));
    }
}
