package io.kubeorch.model;

/** User task ids of the install that are not decisions (those are {@link DecisionTask}). */
public final class UserTasks {

    /** The operator's approval before {@code kubeadm init}. */
    public static final String APPROVE_INIT = "approveInit";

    private UserTasks() {
    }
}
