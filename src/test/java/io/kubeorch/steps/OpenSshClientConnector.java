package io.kubeorch.steps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.kubeorch.ssh.CommandResult;
import io.kubeorch.ssh.HostConnector;
import io.kubeorch.ssh.RemoteCommand;
import io.kubeorch.ssh.RemoteHost;
import io.kubeorch.ssh.SshException;
import io.kubeorch.ssh.SshFailure;
import io.kubeorch.ssh.ShellQuoting;
import io.kubeorch.ssh.SshTarget;

/**
 * Test-only stand-in for the product's SSH layer until it is on this branch: runs each command with
 * the OpenSSH client ({@code ssh -i KEY -o UserKnownHostsFile=... user@host bash -s}), the
 * environment ({@code export NAME='value'}, quoted with {@link ShellQuoting}) and the script on
 * standard input. Real SSH, strict host keys.
 */
final class OpenSshClientConnector implements HostConnector {

    @Override
    public RemoteHost connect(SshTarget target) {
        return new Host(target);
    }

    private record Host(SshTarget target) implements RemoteHost {

        @Override
        public String nodeName() {
            return target.nodeName();
        }

        @Override
        public CommandResult run(RemoteCommand command) {
            // Values travel on standard input, ahead of the script, so no command line shows them.
            StringBuilder stdin = new StringBuilder();
            command.environment().forEach((name, value) -> stdin.append("export ").append(name).append('=')
                    .append(ShellQuoting.quote(value)).append('\n'));
            stdin.append(command.script());
            List<String> argv = new ArrayList<>(List.of("ssh", "-T", "-o", "BatchMode=yes",
                    "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=10",
                    "-p", Integer.toString(target.port())));
            if (target.privateKeyFile() != null) {
                argv.addAll(List.of("-i", target.privateKeyFile().toString()));
            }
            if (target.knownHostsFile() != null) {
                argv.addAll(List.of("-o", "UserKnownHostsFile=" + target.knownHostsFile()));
            }
            argv.add(target.user() + "@" + target.address());
            argv.add("bash -s");
            long started = System.nanoTime();
            try {
                Process process = new ProcessBuilder(argv).start();
                CompletableFuture<String> out = read(process.getInputStream());
                CompletableFuture<String> err = read(process.getErrorStream());
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin.toString().getBytes(StandardCharsets.UTF_8));
                }
                if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new SshException(nodeName(), SshFailure.TIMEOUT,
                            command.label() + " ran longer than " + command.timeout());
                }
                int status = process.exitValue();
                String stderr = err.join();
                if (status == 255) {
                    throw new SshException(nodeName(), SshFailure.UNREACHABLE, command.mask(stderr));
                }
                return new CommandResult(status, out.join(), stderr, Duration.ofNanos(System.nanoTime() - started));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SshException(nodeName(), SshFailure.CONNECTION_LOST, "interrupted", e);
            }
        }

        private static CompletableFuture<String> read(InputStream stream) {
            return CompletableFuture.supplyAsync(() -> {
                try (stream) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    stream.transferTo(bytes);
                    return bytes.toString(StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        @Override
        public void close() {
        }
    }
}
