package io.kubeorch.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A throwaway local account for tests: created with useradd, removed with userdel (and its sudoers
 * file) on close. A leftover of an interrupted run with the same name is removed first.
 */
final class LocalUser implements AutoCloseable {

    final String name;
    private final Path sudoers;

    private LocalUser(String name) {
        this.name = name;
        this.sudoers = Path.of("/etc/sudoers.d/" + name);
    }

    static LocalUser create(String name) {
        return create(name, "/bin/bash");
    }

    /** A user whose login shell (which runs the command line kubeorch sends) is {@code shell}. */
    static LocalUser create(String name, String shell) {
        if (!Files.isExecutable(Path.of("/usr/bin/sudo"))) {
            throw new IllegalStateException("/usr/bin/sudo is missing: the sudo tests need it (apt-get install -y sudo)");
        }
        LocalUser user = new LocalUser(name);
        user.close();
        // '*' as password: no password login, but not "locked", which would stop key logins too
        LocalCommands.run("useradd", "--create-home", "--shell", shell, "--password", "*", name);
        return user;
    }

    LocalUser withPassword(String password) {
        LocalCommands.runWithInput(name + ":" + password + "\n", "chpasswd");
        return this;
    }

    LocalUser withPasswordlessSudo() {
        return withSudoers(name + " ALL=(ALL) NOPASSWD: ALL\n");
    }

    /** sudo asks for the user's own password. */
    LocalUser withPasswordSudo() {
        return withSudoers(name + " ALL=(ALL) ALL\n");
    }

    /** The user's file in /etc/sudoers.d, checked by visudo. */
    LocalUser withSudoers(String rules) {
        try {
            Files.writeString(sudoers, rules);
            Files.setPosixFilePermissions(sudoers, PosixFilePermissions.fromString("r--r-----"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + sudoers + ": " + e.getMessage(), e);
        }
        LocalCommands.run("visudo", "-c", "-f", sudoers.toString());
        return this;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(sudoers);
            Files.deleteIfExists(Path.of("/run/sudo/ts", name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (LocalCommands.tryRun(null, "id", "-u", name).exit() == 0) {
            LocalCommands.run("userdel", "--force", "--remove", name);
        }
    }
}
