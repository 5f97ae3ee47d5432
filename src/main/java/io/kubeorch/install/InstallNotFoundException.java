package io.kubeorch.install;

/** No install has this id. */
public class InstallNotFoundException extends RuntimeException {

    public InstallNotFoundException(String installId) {
        super("no install " + installId + ": list the installs with GET /api/installs");
    }
}
