package io.kubeorch.ssh;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;

/** Turns what went wrong while connecting into an {@link SshException} an operator can act on. */
final class ConnectFailures {

    private ConnectFailures() {
    }

    /**
     * @param where {@code host:port}, with "jump host" in front when it was the jump host
     * @param hostKeys the check of that connection, which knows why it rejected a key
     */
    static SshException classify(SshTarget target, String where, HostKeyCheck hostKeys, IOException e) {
        String node = target.nodeName();
        HostKeyCheck.Rejection rejection = hostKeys.rejection();
        if (rejection != null) {
            return new SshException(node, SshFailure.HOST_KEY_REJECTED, where + ": " + rejection.what(),
                    rejection.fix(), e);
        }
        if (isHostKeyFailure(e)) {
            return new SshException(node, SshFailure.HOST_KEY_REJECTED, where + ": its host key was not accepted",
                    "Check the host's key against known_hosts file " + target.knownHostsFile() + ", then retry"
                            + " the step.", e);
        }
        if (e instanceof UserAuthException) {
            return new SshException(node, SshFailure.AUTHENTICATION_FAILED, where + " rejected the login as '"
                    + target.user() + "' with " + credentials(target), "Check that the key's public half is in"
                    + " the user's ~/.ssh/authorized_keys on the node (or the password is right) and that sshd"
                    + " allows this login (PermitRootLogin, AllowUsers), then retry the step.", e);
        }
        Throwable root = rootCause(e);
        if (root instanceof ConnectException) {
            return unreachable(target, where, "connection refused", "Is sshd running there, on port "
                    + target.port() + "?", e);
        }
        if (root instanceof NoRouteToHostException) {
            return unreachable(target, where, "no route to host", "Is the host up, is its address right?", e);
        }
        if (root instanceof UnknownHostException) {
            return unreachable(target, where, "unknown host name", "Check the address in the inventory and DNS.", e);
        }
        if (root instanceof SocketTimeoutException) {
            return unreachable(target, where, "no answer within " + SshjRemoteHost.human(target.connectTimeout()),
                    "Is the host up, does a firewall drop port " + target.port() + "?", e);
        }
        return unreachable(target, where, "the SSH connection could not be set up ("
                + (root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName()) + ")",
                "The host may be starting or overloaded.", e);
    }

    private static SshException unreachable(SshTarget target, String where, String why, String check, IOException e) {
        return new SshException(target.nodeName(), SshFailure.UNREACHABLE, "cannot reach " + where + ": " + why,
                check + " The step is retried; once the host answers, it carries on.", e);
    }

    private static boolean isHostKeyFailure(IOException e) {
        return e instanceof TransportException transport
                && transport.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE;
    }

    private static String credentials(SshTarget target) {
        if (target.privateKeyFile() != null && target.passwordEnv() != null) {
            return "key file " + target.privateKeyFile() + " and the password from " + target.passwordEnv();
        }
        return target.privateKeyFile() != null ? "key file " + target.privateKeyFile()
                : "the password from " + target.passwordEnv();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
