package io.kubeorch.ssh;

import java.util.Arrays;

/**
 * Per-command overhead of the SSH runner: 200 {@code true} commands one after another on one
 * connection to a local OpenSSH server, mean and 95th percentile. Not a surefire test (surefire runs
 * *Test). Run as root, after {@code mvn test-compile}:
 * {@code java -cp target/test-classes:target/classes:<test classpath> io.kubeorch.ssh.CommandOverheadBenchmark [commands]}
 * (the classpath from {@code mvn dependency:build-classpath -Dmdep.includeScope=test}).
 */
public final class CommandOverheadBenchmark {

    private CommandOverheadBenchmark() {
    }

    public static void main(String[] args) {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try (OpenSshServer server = OpenSshServer.start()) {
            SshjConnector connector = new SshjConnector(new PasswordSource());
            long connectStart = System.nanoTime();
            try (RemoteHost host = connector.connect(server.rootTarget())) {
                double connectMillis = (System.nanoTime() - connectStart) / 1e6;
                RemoteCommand command = RemoteCommand.script("true.sh", "true").env("SOME", "value").build();
                for (int i = 0; i < 10; i++) {
                    host.run(command);
                }
                double[] millis = new double[commands];
                long total = System.nanoTime();
                for (int i = 0; i < commands; i++) {
                    long started = System.nanoTime();
                    CommandResult result = host.run(command);
                    millis[i] = (System.nanoTime() - started) / 1e6;
                    if (result.exitStatus() != 0) {
                        throw new IllegalStateException("'true' failed: " + result);
                    }
                }
                double wall = (System.nanoTime() - total) / 1e6;
                Arrays.sort(millis);
                double mean = Arrays.stream(millis).average().orElse(0);
                System.out.printf("connect: %.1f ms%n", connectMillis);
                System.out.printf("%d commands on one connection: total %.0f ms, mean %.1f ms, p50 %.1f ms,"
                        + " p95 %.1f ms, max %.1f ms%n", commands, wall, mean, millis[commands / 2],
                        millis[(int) Math.ceil(commands * 0.95) - 1], millis[commands - 1]);
            }
        }
    }
}
