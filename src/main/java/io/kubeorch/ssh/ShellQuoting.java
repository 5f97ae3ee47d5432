package io.kubeorch.ssh;

/** POSIX shell quoting: the only way values reach a remote shell. */
public final class ShellQuoting {

    private ShellQuoting() {
    }

    /** {@code it's} becomes {@code 'it'\''s'}: safe as one word for any value. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Whether {@code name} may be used as a shell variable name. */
    public static boolean isVariableName(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*");
    }
}
