package io.kubeorch.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to log in to one node. Secrets are not held here, only where they are:
 * a key file, or the name of an environment variable, resolved when connecting.
 *
 * @param nodeName inventory name, for messages and records
 * @param address IP address or host name
 * @param port SSH port
 * @param user login user
 * @param privateKeyFile key file, or null for password authentication
 * @param passwordEnv name of the environment variable (or system property) holding the password, or null
 * @param knownHostsFile known_hosts file the host key must match
 * @param acceptNewHostKeys whether an unknown host's key is accepted and appended to knownHostsFile
 * @param sudo whether commands run through {@code sudo} (non-root login)
 * @param sudoPasswordEnv name of the environment variable (or system property) holding the sudo password, or
 *        null when sudo needs none
 * @param jumpHost optional {@code host[:port]} to tunnel through, with the same user and credentials
 * @param connectTimeout how long connecting may take
 */
public record SshTarget(
        String nodeName,
        String address,
        int port,
        String user,
        Path privateKeyFile,
        String passwordEnv,
        Path knownHostsFile,
        boolean acceptNewHostKeys,
        boolean sudo,
        String sudoPasswordEnv,
        String jumpHost,
        Duration connectTimeout) {

    public SshTarget {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(address, "address");
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(15) : connectTimeout;
    }
}
