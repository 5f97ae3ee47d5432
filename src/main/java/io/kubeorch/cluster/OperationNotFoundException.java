package io.kubeorch.cluster;

/** No operation, install or day-2, has this id. */
public class OperationNotFoundException extends RuntimeException {

    public OperationNotFoundException(String operationId) {
        super("no operation " + operationId + ": list the operations with GET /api/operations, or a cluster's with"
                + " GET /api/clusters/{name}");
    }
}
