package io.kubeorch.ssh;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A connector that keeps a node's connection for its next step: a connection a step closes stays
 * open for a short while, so the node's next step (on any thread) does not pay a new SSH
 * handshake and authentication. It decorates the connector that really connects. Steps stay isolated: every
 * command is still a session and a {@code bash} of its own, one step uses a connection at a time,
 * and a connection on which a command threw (timeout, lost connection, ...) is closed, never
 * handed on. A kept connection is only reused for the identical target (address, port, user, key
 * or password variable, known hosts, jump host), so the host key it was
 * verified against is the one the next step would verify; it is closed after {@link #IDLE} unused.
 */
public final class KeptConnections implements HostConnector, AutoCloseable {

    /** How long an unused connection is kept: longer than a step hand-over, shorter than any keepalive doubt. */
    static final Duration IDLE = Duration.ofSeconds(10);
    /** At most this many unused connections per target (a node's steps run one at a time). */
    static final int MAX_IDLE_PER_TARGET = 2;

    private final HostConnector connector;
    private final Map<SshTarget, Deque<Idle>> idle = new HashMap<>();
    private final ScheduledExecutorService sweeper;

    private record Idle(RemoteHost host, long sinceNanos) {
    }

    public KeptConnections(HostConnector connector) {
        this.connector = connector;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ssh-kept-connections");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::closeExpired, 1, 1, TimeUnit.SECONDS);
    }

    /** A connection to the target for one step: a kept one if there is one still open, else a new one. */
    @Override
    public RemoteHost connect(SshTarget target) {
        RemoteHost kept = take(target);
        return new Lease(target, kept != null ? kept : connector.connect(target));
    }

    private RemoteHost take(SshTarget target) {
        List<RemoteHost> stale = new ArrayList<>();
        RemoteHost found = null;
        synchronized (idle) {
            Deque<Idle> queue = idle.get(target);
            while (queue != null && !queue.isEmpty() && found == null) {
                Idle candidate = queue.pollLast();
                if (expired(candidate, System.nanoTime()) || !candidate.host().isOpen()) {
                    stale.add(candidate.host());
                } else {
                    found = candidate.host();
                }
            }
        }
        stale.forEach(RemoteHost::close);
        return found;
    }

    private void giveBack(SshTarget target, RemoteHost host) {
        boolean kept = false;
        if (host.isOpen()) {
            synchronized (idle) {
                Deque<Idle> queue = idle.computeIfAbsent(target, t -> new ArrayDeque<>());
                if (queue.size() < MAX_IDLE_PER_TARGET) {
                    queue.addLast(new Idle(host, System.nanoTime()));
                    kept = true;
                }
            }
        }
        if (!kept) {
            host.close();
        }
    }

    void closeExpired() {
        List<RemoteHost> expired = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (idle) {
            for (Iterator<Deque<Idle>> queues = idle.values().iterator(); queues.hasNext();) {
                Deque<Idle> queue = queues.next();
                queue.removeIf(entry -> {
                    boolean gone = expired(entry, now) || !entry.host().isOpen();
                    if (gone) {
                        expired.add(entry.host());
                    }
                    return gone;
                });
                if (queue.isEmpty()) {
                    queues.remove();
                }
            }
        }
        expired.forEach(RemoteHost::close);
    }

    private static boolean expired(Idle entry, long now) {
        return now - entry.sinceNanos() > IDLE.toNanos();
    }

    /** Closes every kept connection; connections in use are closed by their steps. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        List<RemoteHost> all = new ArrayList<>();
        synchronized (idle) {
            idle.values().forEach(queue -> queue.forEach(entry -> all.add(entry.host())));
            idle.clear();
        }
        all.forEach(RemoteHost::close);
    }

    /** One step's use of a connection: handed back on close unless something went wrong on it. */
    private final class Lease implements RemoteHost {

        private final SshTarget target;
        private final RemoteHost host;
        private boolean failed;
        private boolean closed;

        Lease(SshTarget target, RemoteHost host) {
            this.target = target;
            this.host = host;
        }

        @Override
        public String nodeName() {
            return host.nodeName();
        }

        @Override
        public CommandResult run(RemoteCommand command) {
            try {
                return host.run(command);
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        /** Only while this lease holds the connection: once handed back, it may be another step's. */
        @Override
        public void cancel() {
            if (closed) {
                return;
            }
            failed = true;
            host.cancel();
        }

        @Override
        public boolean isOpen() {
            return !closed && host.isOpen();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (failed) {
                host.close();
            } else {
                giveBack(target, host);
            }
        }
    }
}
