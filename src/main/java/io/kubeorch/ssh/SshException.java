package io.kubeorch.ssh;

/**
 * A command could not be run or did not finish. The failure tells whether trying again can help.
 *
 * <p>The message is meant for the operator who has to act on it, and it is written for the place
 * it ends up (an incident's message shows its first line in lists): one short first line naming
 * the step (once the step's runner added it, {@link #inStep}), the node and what failed, then
 * what to do about it, e.g.
 * <pre>
 * disableFirewall on node01: 10.0.0.1:22 rejected the login as 'kube' with key file /keys/id
 * Check that the key's public half is in the user's ~/.ssh/authorized_keys on the node, ...
 * </pre>
 */
public class SshException extends RuntimeException {

    private final String step;
    private final String nodeName;
    private final SshFailure failure;
    private final String what;
    private final String fix;

    /**
     * @param what what failed, in one line without a full stop: {@code cannot reach 10.0.0.1:22: connection refused}
     * @param fix what the operator must do, in sentences
     */
    public SshException(String nodeName, SshFailure failure, String what, String fix, Throwable cause) {
        this(null, nodeName, failure, what, fix, cause);
    }

    public SshException(String nodeName, SshFailure failure, String what, String fix) {
        this(null, nodeName, failure, what, fix, null);
    }

    private SshException(String step, String nodeName, SshFailure failure, String what, String fix, Throwable cause) {
        super(summary(step, nodeName, what) + "\n" + fix, cause);
        this.step = step;
        this.nodeName = nodeName;
        this.failure = failure;
        this.what = what;
        this.fix = fix;
    }

    /** The same failure, its message naming the step that met it; the original stays the cause. */
    public SshException inStep(String step) {
        if (this.step != null) {
            return this;
        }
        return new SshException(step, nodeName, failure, what, fix, this);
    }

    /** The first line of the message: step (when known), node and what failed. */
    public String summary() {
        return summary(step, nodeName, what);
    }

    /** What the operator must do about it. */
    public String fix() {
        return fix;
    }

    /** The step that met the failure, or null before {@link #inStep}. */
    public String step() {
        return step;
    }

    public String nodeName() {
        return nodeName;
    }

    public SshFailure failure() {
        return failure;
    }

    private static String summary(String step, String nodeName, String what) {
        return (step == null ? nodeName : step + " on " + nodeName) + ": " + what;
    }
}
