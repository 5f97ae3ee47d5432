package io.kubeorch.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Component;

import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Opens one sshj connection per node: host key checked ({@link HostKeyCheck}), key or password
 * authentication, optionally through a jump host, with keepalives so a dead peer is noticed.
 */
@Component
class SshjConnector implements HostConnector {

    static final int KEEPALIVE_SECONDS = 15;

    private final PasswordSource passwords;
    private final DefaultConfig config;

    SshjConnector(PasswordSource passwords) {
        this.passwords = passwords;
        this.config = new DefaultConfig();
        this.config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    }

    @Override
    public RemoteHost connect(SshTarget target) {
        checkConfigured(target);
        SSHClient jump = null;
        try {
            if (target.jumpHost() != null && !target.jumpHost().isBlank()) {
                HostPort hop = HostPort.parse(target.jumpHost(), 22);
                HostKeyCheck jumpKeys = new HostKeyCheck(target.nodeName(), target.knownHostsFile(),
                        target.acceptNewHostKeys());
                jump = open(target, "jump host " + hop, jumpKeys, client -> client.connect(hop.host(), hop.port()));
            }
            HostKeyCheck hostKeys = new HostKeyCheck(target.nodeName(), target.knownHostsFile(),
                    target.acceptNewHostKeys());
            SSHClient through = jump;
            SSHClient client = open(target, target.address() + ":" + target.port(), hostKeys, c -> {
                if (through == null) {
                    c.connect(target.address(), target.port());
                } else {
                    DirectConnection tunnel = through.newDirectConnection(target.address(), target.port());
                    c.connectVia(tunnel, target.address(), target.port());
                }
            });
            return new SshjRemoteHost(target, client, jump, passwords);
        } catch (RuntimeException e) {
            closeQuietly(jump);
            throw e;
        }
    }

    private SSHClient open(SshTarget target, String where, HostKeyCheck hostKeys, Connect connect) {
        SSHClient client = new SSHClient(config);
        try {
            int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, target.connectTimeout().toMillis());
            client.setConnectTimeout(timeoutMillis);
            client.getTransport().setTimeoutMs(Math.max(timeoutMillis, 1_000));
            client.getConnection().getKeepAlive().setKeepAliveInterval(KEEPALIVE_SECONDS);
            client.addHostKeyVerifier(hostKeys);
            connect.to(client);
            authenticate(client, target);
            return client;
        } catch (IOException e) {
            closeQuietly(client);
            throw ConnectFailures.classify(target, where, hostKeys, e);
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    private void authenticate(SSHClient client, SshTarget target) throws IOException {
        List<AuthMethod> methods = new ArrayList<>();
        if (target.privateKeyFile() != null) {
            try {
                methods.add(new AuthPublickey(KeyFiles.load(config, target.privateKeyFile())));
            } catch (IOException | RuntimeException e) {
                throw new SshException(target.nodeName(), SshFailure.AUTHENTICATION_FAILED, "cannot load the private"
                        + " key file " + target.privateKeyFile() + " (" + e.getMessage() + ")", "It must be an"
                        + " unencrypted OpenSSH, PEM or PuTTY key (ed25519, RSA, ECDSA) readable by kubeorch.", e);
            }
        }
        char[] password = null;
        try {
            if (target.passwordEnv() != null) {
                password = passwords.resolve(target.passwordEnv());
                if (password == null) {
                    throw new SshException(target.nodeName(), SshFailure.AUTHENTICATION_FAILED, "the login password"
                            + " variable " + target.passwordEnv() + " is not set on the kubeorch server",
                            "The password for '" + target.user() + "' comes from the environment variable (or"
                            + " system property) " + target.passwordEnv() + " of the kubeorch server: set it"
                            + " there, restart kubeorch, and retry the step.");
                }
                methods.add(new AuthPassword(new OneTimePassword(password)));
            }
            client.auth(target.user(), methods);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static void checkConfigured(SshTarget target) {
        if (target.user() == null || target.user().isBlank()) {
            throw new IllegalArgumentException(target.nodeName() + ": no SSH user given");
        }
        if (target.privateKeyFile() == null && target.passwordEnv() == null) {
            throw new SshException(target.nodeName(), SshFailure.AUTHENTICATION_FAILED,
                    "neither a private key file nor a password variable is configured",
                    "Set ssh.privateKeyFile or ssh.passwordEnv in the inventory.");
        }
        if (target.knownHostsFile() == null) {
            throw new SshException(target.nodeName(), SshFailure.HOST_KEY_REJECTED, "no known_hosts file",
                    "kubeorch does not connect to hosts it cannot verify. Set ssh.knownHostsFile (with"
                            + " ssh.acceptNewHostKeys to record first-seen keys).");
        }
        if (target.privateKeyFile() != null && !Files.isReadable(target.privateKeyFile())) {
            throw new SshException(target.nodeName(), SshFailure.AUTHENTICATION_FAILED, "the private key file "
                    + target.privateKeyFile() + " does not exist or is not readable by kubeorch",
                    "Put the key there, readable by the user kubeorch runs as, then retry the step.");
        }
    }

    private static void closeQuietly(SSHClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // closing a half-open connection: nothing more to do
            }
        }
    }

    @FunctionalInterface
    private interface Connect {
        void to(SSHClient client) throws IOException;
    }

    /** Hands the password to sshj once, without retries: a wrong password is not typed again. */
    private record OneTimePassword(char[] password) implements PasswordFinder {

        @Override
        public char[] reqPassword(Resource<?> resource) {
            return password.clone();
        }

        @Override
        public boolean shouldRetry(Resource<?> resource) {
            return false;
        }

        @Override
        public String toString() {
            return "OneTimePassword[*****]";
        }
    }
}
