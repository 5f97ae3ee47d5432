package io.kubeorch.model;

/** BPMN error codes that steps raise and the operations' error boundary events catch. */
public final class ErrorCodes {

    /** The inventory an install was started with is not valid: the install ends before any host is touched. */
    public static final String INVALID_INVENTORY = "INVALID_INVENTORY";
    /** Hosts of an install started from Tasklist belong to a running install: it ends before any host is touched. */
    public static final String HOSTS_BUSY = "HOSTS_BUSY";
    /** A host does not meet kubeadm's requirements (CPUs, memory, OS): an operator decides. */
    public static final String HOST_UNFIT = "HOST_UNFIT";
    /** kubeadm's preflight on the first control plane found errors: an operator decides. */
    public static final String PREFLIGHT_FAILED = "PREFLIGHT_FAILED";
    /** Removing the control plane would leave etcd without quorum (or it has none): the removal is refused before any change. */
    public static final String ETCD_QUORUM_AT_RISK = "ETCD_QUORUM_AT_RISK";
    /** Pods would not leave the node being removed within the drain's timeout: an operator decides. */
    public static final String DRAIN_FAILED = "DRAIN_FAILED";
    /**
     * The host stayed out of reach through the step's retries, on a task whose model catches this
     * (a removed node's reset): an operator decides instead of an incident.
     */
    public static final String HOST_UNREACHABLE = "HOST_UNREACHABLE";

    private ErrorCodes() {
    }
}
