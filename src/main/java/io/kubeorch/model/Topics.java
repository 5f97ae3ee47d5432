package io.kubeorch.model;

/**
 * External task topics: every step is an external task of one of these, worked by kubeorch's own
 * in-process workers. Which step a task runs is its activity id, the step's name.
 */
public final class Topics {

    /** A step on the node of its process ({@code nodeName}), or on the first control plane in the install process. */
    public static final String STEP = "kubeorch-step";
    /** A read-only host check on every node at once. */
    public static final String HOST_CHECK = "kubeorch-host-check";

    private Topics() {
    }
}
