package io.kubeorch.process;

/** Names of the few process variables kubeorch sets. None of them ever holds a secret. */
final class Variables {

    static final String INSTALL_ID = "installId";
    static final String NODE_NAME = "nodeName";
    static final String TIMEOUT = "timeout";
    static final String INVENTORY_YAML = "inventoryYaml";
    static final String HOST_SUMMARY = "hostSummary";
    static final String APPROVED = "approved";
    static final String APPROVAL_COMMENT = "approvalComment";
    static final String DECISION_REASON = "decisionReason";
    static final String INITIATOR = "initiator";

    private Variables() {
    }
}
