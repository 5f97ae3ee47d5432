package io.kubeorch.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Component;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.InventoryError;
import io.kubeorch.inventory.ServerSideCheck;

import net.schmizz.sshj.DefaultConfig;

/**
 * What an inventory's {@code ssh} settings name on the kubeorch server, checked when an install
 * starts by the rules the connections use: paths resolved as {@link SshTargets} resolves them, keys
 * read as {@link KeyFiles} reads them, passwords looked up as {@link PasswordSource} looks them up,
 * host keys found as {@link HostKeyCheck} finds them. So whatever fails here would have failed at the
 * first step, after the install had started; whatever passes fails there only if it changed since.
 */
@Component
class SshSettingsCheck implements ServerSideCheck {

    private final SshTargets targets;
    private final PasswordSource passwords;
    private final DefaultConfig config = new DefaultConfig();

    SshSettingsCheck(SshTargets targets, PasswordSource passwords) {
        this.targets = targets;
        this.passwords = passwords;
    }

    @Override
    public List<InventoryError> check(Inventory inventory) {
        Inventory.SshSettings ssh = inventory.ssh();
        List<InventoryError> errors = new ArrayList<>();
        if (ssh.privateKeyFile() != null) {
            checkKeyFile(ssh.privateKeyFile(), errors);
        }
        if (ssh.passwordEnv() != null) {
            checkPassword("ssh.passwordEnv", ssh.passwordEnv(), "the login password of '" + ssh.user() + "'", errors);
        }
        if (ssh.sudo() && ssh.sudoPasswordEnv() != null) {
            checkPassword("ssh.sudoPasswordEnv", ssh.sudoPasswordEnv(),
                    "the password sudo asks '" + ssh.user() + "' for on the nodes", errors);
        }
        if (ssh.knownHostsFile() != null) {
            checkKnownHosts(inventory, errors);
        }
        return errors;
    }

    private void checkKeyFile(String given, List<InventoryError> errors) {
        String field = "ssh.privateKeyFile";
        Path file = targets.resolve(given);
        if (!Files.exists(file)) {
            errors.add(new InventoryError(field, "there is no file " + located(given, file)
                    + ": put the private key there, or give the path of the key on the kubeorch server"));
        } else if (!Files.isRegularFile(file)) {
            errors.add(new InventoryError(field, located(given, file) + " is not a file: give the path of the"
                    + " private key file"));
        } else if (!Files.isReadable(file)) {
            errors.add(new InventoryError(field, located(given, file) + " is not readable by " + serverUser()
                    + ": make it readable for that user alone (owned by it, chmod 0600)"));
        } else {
            try {
                KeyFiles.load(config, file);
            } catch (IOException | RuntimeException e) {
                errors.add(new InventoryError(field, located(given, file) + " is not a private key kubeorch can use ("
                        + e.getMessage() + "): give an unencrypted OpenSSH, PEM or PuTTY key (ed25519, RSA, ECDSA);"
                        + " ssh-keygen -p -N '' -f " + file + " removes a passphrase"));
            }
        }
    }

    private void checkPassword(String field, String variable, String what, List<InventoryError> errors) {
        char[] password = passwords.resolve(variable);
        try {
            if (password == null || password.length == 0) {
                errors.add(new InventoryError(field, "the environment variable " + variable + " is "
                        + (password == null ? "not set" : "empty") + " on the kubeorch server: start kubeorch with it"
                        + " holding " + what + " (or with the system property -D" + variable + "=...)"));
            } else if (holdsLineBreak(password)) {
                errors.add(new InventoryError(field, "the environment variable " + variable + " holds a line break:"
                        + " kubeorch hands the password over as one line; set it to " + what + " alone"));
            }
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static boolean holdsLineBreak(char[] password) {
        for (char c : password) {
            if (c == '\n') {
                return true;
            }
        }
        return false;
    }

    private void checkKnownHosts(Inventory inventory, List<InventoryError> errors) {
        Inventory.SshSettings ssh = inventory.ssh();
        String field = "ssh.knownHostsFile";
        String given = ssh.knownHostsFile();
        Path file = targets.resolve(given);
        if (Files.exists(file)) {
            if (!Files.isRegularFile(file)) {
                errors.add(new InventoryError(field, located(given, file) + " is not a file: give the path of a"
                        + " known_hosts file"));
            } else if (!Files.isReadable(file)) {
                errors.add(new InventoryError(field, located(given, file) + " is not readable by " + serverUser()
                        + ": make it readable for that user"));
            } else if (ssh.acceptNewHostKeys() && !Files.isWritable(file)) {
                errors.add(new InventoryError(field, located(given, file) + " is not writable by " + serverUser()
                        + ", and with ssh.acceptNewHostKeys: true kubeorch records each new host's key there: make"
                        + " it writable for that user"));
            } else if (!ssh.acceptNewHostKeys()) {
                checkHostsAreKnown(inventory, file, errors);
            }
        } else if (!ssh.acceptNewHostKeys()) {
            errors.add(new InventoryError(field, "there is no file " + located(given, file) + ": give a known_hosts"
                    + " file with every node's host key (collected with ssh-keyscan from a network you trust, their"
                    + " fingerprints checked on the hosts), or set ssh.acceptNewHostKeys: true to record each key on"
                    + " first contact"));
        } else {
            Path directory = nearestExisting(file.getParent());
            if (directory != null && (!Files.isDirectory(directory) || !Files.isWritable(directory))) {
                errors.add(new InventoryError(field, located(given, file) + " does not exist and cannot be created: "
                        + directory + " is not a directory writable by " + serverUser() + "; kubeorch records each"
                        + " new host's key there (ssh.acceptNewHostKeys: true)"));
            }
        }
    }

    /** Without accept-new, a node missing from known_hosts would be refused at its first step. */
    private void checkHostsAreKnown(Inventory inventory, Path file, List<InventoryError> errors) {
        Inventory.SshSettings ssh = inventory.ssh();
        int port = ssh.port() > 0 ? ssh.port() : 22;
        try {
            if (ssh.jumpHost() != null) {
                HostPort jump = HostPort.parse(ssh.jumpHost(), 22);
                if (!HostKeyCheck.knows(file, jump.host(), jump.port())) {
                    errors.add(unknownHost("ssh.jumpHost", jump.host(), jump.port(), file));
                }
            }
            for (int i = 0; i < inventory.nodes().size(); i++) {
                String address = inventory.nodes().get(i).address();
                if (!HostKeyCheck.knows(file, address, port)) {
                    errors.add(unknownHost("nodes[" + i + "].address", address, port, file));
                }
            }
        } catch (IOException | RuntimeException e) {
            errors.add(new InventoryError("ssh.knownHostsFile", "cannot read " + file + " (" + e.getMessage()
                    + "): give a known_hosts file in OpenSSH's format"));
        }
    }

    private static InventoryError unknownHost(String field, String host, int port, Path file) {
        String name = port == 22 ? host : "[" + host + "]:" + port;
        return new InventoryError(field, name + " has no host key in known_hosts file " + file + ", so kubeorch"
                + " would refuse to log in: add it (ssh-keyscan -p " + port + " " + host + " >> " + file
                + ", then compare its fingerprint with ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the host),"
                + " or set ssh.acceptNewHostKeys: true to record it on first contact");
    }

    /** Where a setting points: the path, and for a relative one what it was resolved against. */
    private String located(String given, Path file) {
        return Path.of(given).isAbsolute() ? file.toString()
                : file + " ('" + given + "' in the working directory of the kubeorch server, "
                        + targets.workingDirectory() + ")";
    }

    private static Path nearestExisting(Path directory) {
        Path candidate = directory;
        while (candidate != null && !Files.exists(candidate)) {
            candidate = candidate.getParent();
        }
        return candidate;
    }

    private static String serverUser() {
        return "the user kubeorch runs as (" + System.getProperty("user.name") + ")";
    }
}
