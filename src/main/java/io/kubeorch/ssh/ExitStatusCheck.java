package io.kubeorch.ssh;

/**
 * Tells the exit statuses that are the SSH layer's own failures from the script's: GNU
 * {@code timeout} ending the script (124 after TERM, 137 after KILL) and {@code sudo -n} refusing.
 * Any other status is the script's and is returned to the step.
 */
final class ExitStatusCheck {

    private final SshTarget target;

    ExitStatusCheck(SshTarget target) {
        this.target = target;
    }

    void check(RemoteCommand command, CommandResult result) {
        int exit = result.exitStatus();
        boolean ranOut = result.duration().compareTo(command.timeout()) >= 0;
        if ((exit == 124 || exit == 137) && ranOut) {
            throw new SshException(target.nodeName(), SshFailure.TIMEOUT, "'" + command.describe()
                    + "' ran past its timeout of " + SshjRemoteHost.human(command.timeout()),
                    "It was " + (exit == 124 ? "terminated" : "killed") + " on the node after "
                    + SshjRemoteHost.human(result.duration()) + " (exit " + exit + " from timeout). Look on the node"
                    + " for what hangs, or raise the step's timeout if it needs longer.");
        }
        if (target.sudo() && exit == 1 && sudoRefused(result.stderr())) {
            throw new SshException(target.nodeName(), SshFailure.PRIVILEGE_DENIED, "sudo -n refused to run '"
                    + command.describe() + "' for user '" + target.user() + "'", "sudo wants a password or the"
                    + " user may not use sudo. Give the user passwordless sudo on the node (e.g. '" + target.user()
                    + " ALL=(ALL) NOPASSWD: ALL' in /etc/sudoers.d/" + target.user() + "), name the variable that"
                    + " holds the sudo password in ssh.sudoPasswordEnv, or log in as root; then retry the step.");
        }
    }

    private static boolean sudoRefused(String stderr) {
        return stderr.startsWith("sudo: ") && (stderr.contains("a password is required")
                || stderr.contains("is not in the sudoers file") || stderr.contains("is not allowed to")
                || stderr.contains("a terminal is required"));
    }
}
