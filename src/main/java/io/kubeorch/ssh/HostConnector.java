package io.kubeorch.ssh;

/** Opens connections to nodes. */
public interface HostConnector {

    /** Connects and authenticates, verifying the host key; the caller closes the host. */
    RemoteHost connect(SshTarget target);
}
