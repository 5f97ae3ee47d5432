package io.kubeorch.model;

import java.util.Set;

/** Process definition keys of {@code processes/*.bpmn}. */
public final class Processes {

    /** The install; the only process an operator starts from Tasklist. */
    public static final String INSTALL = "install-cluster";
    /** Day 2: nodes join a cluster kubeorch knows (started through the REST API). */
    public static final String ADD_NODES = "add-nodes";
    /** Day 2: one named node leaves a cluster kubeorch knows (started through the REST API). */
    public static final String REMOVE_NODE = "remove-node";
    /** Day 2: every node of a cluster kubeorch knows is reset (started through the REST API). */
    public static final String TEARDOWN = "teardown-cluster";
    /** One node's kubeadm reset, a child of the teardown. */
    public static final String RESET_NODE = "reset-node";
    /** One node's preparation, a child of the install. */
    public static final String PREPARE_NODE = "prepare-node";
    /** One node's {@code kubeadm join}, a child of the install. */
    public static final String JOIN_NODE = "join-node";
    /**
     * One node brought up to date with the cluster's nodes (hosts file, endpoint): a child of the
     * install and of the day-2 operations.
     */
    public static final String UPDATE_NODE = "update-node";

    /** The processes that are an operation: each records one, holds its hosts while it runs and frees them when it ends. */
    public static final Set<String> OPERATIONS = Set.of(INSTALL, ADD_NODES, REMOVE_NODE, TEARDOWN);

    private Processes() {
    }
}
