package io.kubeorch.model;

/** Ids of the Camunda Forms in {@code processes/*.form} that code refers to. */
public final class Forms {

    public static final String START_INSTALL = "start-install";
    public static final String APPROVE_INIT = "approve-init";

    private Forms() {
    }
}
