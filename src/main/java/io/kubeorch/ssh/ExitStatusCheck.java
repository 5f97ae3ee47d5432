package io.kubeorch.ssh;

/**
 * Tells the exit statuses that are the SSH layer's own failures from the script's: GNU
 * {@code timeout} ending the script (124 after TERM, 137 after KILL) and sudo refusing (status 1
 * with sudo's own words on stderr; the scripts run as root and never call sudo themselves). Any
 * other status is the script's and is returned to the step.
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
        if (target.sudo() && exit == 1) {
            if (target.sudoPasswordEnv() == null) {
                checkSudoWithoutPassword(command, result.stderr());
            } else {
                checkSudoWithPassword(command, result.stderr());
            }
        }
    }

    private void checkSudoWithoutPassword(RemoteCommand command, String stderr) {
        String user = target.user();
        if (stderr.startsWith("sudo: ") && (stderr.contains("a password is required")
                || mayNotSudo(stderr) || stderr.contains("a terminal is required"))) {
            throw new SshException(target.nodeName(), SshFailure.PRIVILEGE_DENIED, "sudo -n refused to run '"
                    + command.describe() + "' for user '" + user + "'", "sudo wants a password or the"
                    + " user may not use sudo. Give the user passwordless sudo on the node (e.g. '" + user
                    + " ALL=(ALL) NOPASSWD: ALL' in /etc/sudoers.d/" + user + "), name the variable that"
                    + " holds the sudo password in ssh.sudoPasswordEnv, or log in as root; then retry the step.");
        }
    }

    /** What {@code sudo -S -v} and then {@code sudo -n} say when they refuse (see {@link ScriptInvocation}). */
    private void checkSudoWithPassword(RemoteCommand command, String stderr) {
        String user = target.user();
        String variable = target.sudoPasswordEnv();
        if (!stderr.strip().endsWith(ScriptInvocation.SUDO_REFUSED)) {
            if (stderr.contains("sudo: a password is required")) {
                throw new SshException(target.nodeName(), SshFailure.PRIVILEGE_DENIED, "sudo took the password of '"
                        + user + "' but asked for it again to run '" + command.label() + "'", "kubeorch checks the"
                        + " password with 'sudo -S -v' and runs the script with 'sudo -n' right after, relying on"
                        + " sudo's credential cache, which this node's sudoers turns off (timestamp_timeout=0?). Allow"
                        + " the user a cache of a minute or more (e.g. 'Defaults:" + user + " timestamp_timeout=5'),"
                        + " or give it passwordless sudo; then retry the step.");
            }
            return;
        }
        if (stderr.contains("incorrect password attempt")) {
            throw new SshException(target.nodeName(), SshFailure.PRIVILEGE_DENIED, "sudo did not accept the password"
                    + " in " + variable + " for user '" + user + "' (before '" + command.label() + "')",
                    "Set the environment variable " + variable + " of the kubeorch server to the password sudo asks '"
                    + user + "' for on this node (the user's own password, unless sudoers says otherwise), restart"
                    + " kubeorch, then retry the step. Do not retry before: each try with a wrong password is a failed"
                    + " sudo attempt on the node, and pam_faillock may lock the user after a few.");
        }
        if (mayNotSudo(stderr)) {
            throw new SshException(target.nodeName(), SshFailure.PRIVILEGE_DENIED, "user '" + user + "' may not"
                    + " use sudo on the node (before '" + command.label() + "')", "Give the user sudo rights there"
                    + " (e.g. '" + user + " ALL=(ALL) ALL' in /etc/sudoers.d/" + user + "), or log in as root; then"
                    + " retry the step.");
        }
        throw new SshException(target.nodeName(), SshFailure.PRIVILEGE_DENIED, "sudo -S -v refused user '" + user
                + "' (before '" + command.label() + "')", "sudo said: " + stderr.strip().lines()
                .filter(line -> !line.equals(ScriptInvocation.SUDO_REFUSED)).reduce((a, b) -> a + " / " + b)
                .orElse("nothing") + ". Fix the user's sudo rights or the password in " + variable
                + " on the kubeorch server, then retry the step.");
    }

    private static boolean mayNotSudo(String stderr) {
        return stderr.contains("is not in the sudoers file") || stderr.contains("is not allowed to")
                || stderr.contains("may not run sudo");
    }
}
