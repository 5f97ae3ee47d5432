package io.kubeorch.cluster;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a cluster kubeorch knows runs, or was torn down (its record and history stay). */
public enum ClusterState {

    ACTIVE, REMOVED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
