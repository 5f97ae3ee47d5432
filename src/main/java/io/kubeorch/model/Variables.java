package io.kubeorch.model;

/**
 * Names of the process variables kubeorch and its models use. None of them ever holds a secret:
 * Camunda keeps every variable in its history, in plain text.
 */
public final class Variables {

    /**
     * The operation's id (an install's, or a day-2 operation's), also the business key of its
     * processes; the steps find the operation's inventory by it.
     */
    public static final String INSTALL_ID = "installId";
    /** The node a per-node process works on; in a removal's own process, the node being removed. */
    public static final String NODE_NAME = "nodeName";
    /** The inventory text of an install started from Tasklist's start form. */
    public static final String INVENTORY_YAML = "inventoryYaml";
    /** Who started the install ({@code camunda:initiator}). */
    public static final String INITIATOR = "initiator";

    /** The control-plane endpoint and what kubeorch sets up for it, for the approval form. */
    public static final String ENDPOINT_PLAN = "endpointPlan";
    /** Every node's facts, one line each, for the approval form (from checkHostRequirements). */
    public static final String HOST_SUMMARY = "hostSummary";
    /** The kubeadm configuration init will apply, for the approval form (from renderKubeadmConfig). */
    public static final String KUBEADM_CONFIG = "kubeadmConfig";
    /**
     * Whether the cluster is initialized, for the approval form and the install view: {@code "true"}
     * or {@code "false"} from runPreflight (true: a rerun), then {@code "now"} or {@code "already"}
     * from initControlPlane.
     */
    public static final String CLUSTER_INITIALIZED = "initialized";
    /** kubeadm preflight's warnings, for the approval form (from runPreflight). */
    public static final String PREFLIGHT_WARNINGS = "preflightWarnings";
    /** {@code true} when every node is Ready and the system pods run (from checkClusterReady). */
    public static final String READY = "ready";

    /** What an addition will join and how, for its approval form. */
    public static final String ADDITION_PLAN = "additionPlan";
    /** What a removal will do to the node, to etcd and to the other nodes, for its approval form. */
    public static final String REMOVAL_PLAN = "removalPlan";
    /** The cluster and every host a teardown resets, for its approval form. */
    public static final String TEARDOWN_PLAN = "teardownPlan";
    /** etcd's members and which run, before and after a control plane's removal (from checkEtcdQuorum). */
    public static final String ETCD_STATUS = "etcdStatus";

    /** The approval task's outcome. */
    public static final String APPROVED = "approved";
    public static final String APPROVAL_COMMENT = "approvalComment";
    /** A decision task's outcome, one of {@link DecisionTask#choices()}. */
    public static final String DECISION = "decision";
    public static final String DECISION_COMMENT = "decisionComment";
    /** Why the install waits for a decision or ended without a cluster. */
    public static final String DECISION_REASON = "decisionReason";

    private Variables() {
    }
}
