package io.kubeorch.model;

/** BPMN error codes that steps raise and the install's error boundary events catch. */
public final class ErrorCodes {

    /** The inventory an install was started with is not valid: the install ends before any host is touched. */
    public static final String INVALID_INVENTORY = "INVALID_INVENTORY";
    /** Hosts of an install started from Tasklist belong to a running install: it ends before any host is touched. */
    public static final String HOSTS_BUSY = "HOSTS_BUSY";
    /** A host does not meet kubeadm's requirements (CPUs, memory, OS): an operator decides. */
    public static final String HOST_UNFIT = "HOST_UNFIT";
    /** kubeadm's preflight on the first control plane found errors: an operator decides. */
    public static final String PREFLIGHT_FAILED = "PREFLIGHT_FAILED";

    private ErrorCodes() {
    }
}
