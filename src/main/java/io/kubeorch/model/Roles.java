package io.kubeorch.model;

/**
 * kubeorch's roles: Camunda groups created at start-up with their authorizations. The operators
 * are the candidates of every user task in the models; administrators are Camunda's own
 * {@code camunda-admin} group.
 */
public final class Roles {

    /** Start, approve, decide, retry, cancel. */
    public static final String OPERATORS = "kubeorch-operators";
    /** See everything, change nothing. */
    public static final String VIEWERS = "kubeorch-viewers";

    private Roles() {
    }
}
