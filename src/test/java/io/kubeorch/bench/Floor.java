package io.kubeorch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.kubeorch.lab.Lab;
import io.kubeorch.lab.LabSsh;

/**
 * The floor: the critical path's stages replayed by a bare sshj runner with no engine, on the same
 * lab. Every command of a stage is sent again, on the same host, as {@code sleep S} where S is its
 * recorded duration less the lab's per-command latency (the session wrapper sleeps that itself), so
 * each replayed command costs the host what the original cost it in sessions and time. Chains of a
 * stage run on a thread each; each chain keeps one connection per host it uses for the whole run
 * (the cheapest a runner can do); stages run one after another, and the cluster's own wait is slept.
 */
final class Floor {

    private Floor() {
    }

    static long replayMs(Lab lab, CriticalPath path, long commandLatencyMs) {
        Map<String, LabSsh> connections = new HashMap<>();
        ExecutorService pool = Executors.newCachedThreadPool();
        long started = System.nanoTime();
        try {
            for (CriticalPath.Stage stage : path.stages) {
                List<Future<?>> running = new ArrayList<>();
                for (Map.Entry<String, List<CriticalPath.Command>> chain : stage.chains().entrySet()) {
                    running.add(pool.submit(() -> {
                        for (CriticalPath.Command c : chain.getValue()) {
                            LabSsh ssh = connection(connections, lab, chain.getKey() + "/" + c.host(), c.host());
                            long sleepMs = Math.max(0, c.durationMs() - commandLatencyMs);
                            ssh.run(String.format("sleep %d.%03d", sleepMs / 1000, sleepMs % 1000), "", Duration.ofMinutes(5));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
                Thread.sleep(stage.extraMs());
            }
            return (System.nanoTime() - started) / 1_000_000;
        } catch (Exception e) {
            throw new IllegalStateException("floor replay failed", e);
        } finally {
            pool.shutdownNow();
            connections.values().forEach(ssh -> {
                try {
                    ssh.close();
                } catch (IOException ignored) {
                    // closing
                }
            });
        }
    }

    private static LabSsh connection(Map<String, LabSsh> connections, Lab lab, String key, String host) {
        LabSsh ssh;
        synchronized (connections) {
            ssh = connections.get(key);
        }
        if (ssh == null) {
            try {
                ssh = LabSsh.connect(lab, host);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            synchronized (connections) {
                connections.put(key, ssh);
            }
        }
        return ssh;
    }
}
