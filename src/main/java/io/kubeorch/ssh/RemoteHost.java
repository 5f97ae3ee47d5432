package io.kubeorch.ssh;

import java.time.Duration;
import java.util.Base64;

/**
 * One SSH connection to one node, reused for all commands of a step. Not thread-safe: one step
 * uses it at a time.
 */
public interface RemoteHost extends AutoCloseable {

    /** The inventory name of the node this connection reaches. */
    String nodeName();

    /**
     * Runs the command's script with {@code bash -s} (through {@code sudo -n} for a non-root
     * login) and waits for it, at most the command's timeout; then the remote command is killed.
     *
     * @return the result, whatever the exit status
     * @throws SshException when the command could not be run or finished: unreachable host,
     *         authentication or host key failure, timeout, lost connection
     */
    CommandResult run(RemoteCommand command);

    /**
     * Writes {@code content} to {@code remotePath} (as root with {@code sudo}) with the given mode,
     * atomically (a temporary file beside it, then rename). The content travels on standard input,
     * never on a command line. Writing the same content again changes nothing.
     *
     * @param mode octal permissions, e.g. {@code 0644}
     * @return the result; its standard output is {@code changed} or {@code unchanged}
     */
    default CommandResult upload(String remotePath, byte[] content, String mode, Duration timeout) {
        if (!mode.matches("[0-7]{3,4}")) {
            throw new IllegalArgumentException("mode must be octal, like 0644, not '" + mode + "'");
        }
        String encoded = Base64.getMimeEncoder(76, "\n".getBytes()).encodeToString(content);
        String script = """
                set -eu
                tmp=$(mktemp "$DEST.XXXXXX")
                trap 'rm -f "$tmp"' EXIT
                base64 -d > "$tmp" <<'KUBEORCH_UPLOAD_END'
                %s
                KUBEORCH_UPLOAD_END
                if cmp -s "$tmp" "$DEST"; then
                  if [ "$(stat -c %%a "$DEST")" = "$(printf '%%o' "0$MODE")" ]; then echo unchanged; else chmod "$MODE" "$DEST"; echo changed; fi
                else
                  chmod "$MODE" "$tmp"
                  mv -f "$tmp" "$DEST"
                  echo changed
                fi
                """.formatted(encoded);
        return run(RemoteCommand.script("upload " + remotePath, script)
                .env("DEST", remotePath).env("MODE", mode).timeout(timeout).build());
    }

    /** Whether the connection can still start commands (not closed, transport still up). */
    default boolean isOpen() {
        return true;
    }

    @Override
    void close();
}
