package io.kubeorch.cluster;

/** kubeorch knows no cluster of this name: it installed none (or the install has not completed). */
public class ClusterNotFoundException extends RuntimeException {

    public ClusterNotFoundException(String name) {
        super("no cluster '" + name + "' is known to kubeorch: a cluster becomes known when its install completes;"
                + " list the known ones with GET /api/clusters");
    }
}
