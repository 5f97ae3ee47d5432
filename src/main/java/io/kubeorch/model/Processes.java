package io.kubeorch.model;

/** Process definition keys of {@code processes/*.bpmn}. */
public final class Processes {

    /** The install; the only process an operator starts. */
    public static final String INSTALL = "install-cluster";
    /** One node's preparation, a child of the install. */
    public static final String PREPARE_NODE = "prepare-node";
    /** One node's {@code kubeadm join}, a child of the install. */
    public static final String JOIN_NODE = "join-node";
    /** One node's way to the control-plane endpoint brought up to date, a child of the install. */
    public static final String UPDATE_ENDPOINT = "update-endpoint";

    private Processes() {
    }
}
