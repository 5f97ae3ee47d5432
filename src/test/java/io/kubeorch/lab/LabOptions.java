package io.kubeorch.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of {@code lab up}. Build with {@link #builder(String, Path)}: every lab needs its own
 * loopback prefix and directory so that labs of different test classes can coexist.
 */
public record LabOptions(
        int nodes,
        int controlPlanes,
        String prefix,
        String user,
        Auth auth,
        boolean sudoPassword,
        int mirrorPort,
        int sshPort,
        String latency,
        Integer cpus,
        Integer memoryMb,
        Map<String, Integer> hostCpus,
        Map<String, Integer> hostMemoryMb,
        Path dir) {

    public enum Auth { KEY, PASSWORD }

    public LabOptions {
        hostCpus = Map.copyOf(hostCpus);
        hostMemoryMb = Map.copyOf(hostMemoryMb);
        dir = dir.toAbsolutePath().normalize();
    }

    /** A 3-host lab (1 control plane) on PREFIX.1-3, mirror on PREFIX.254:8080, files in dir. */
    public static Builder builder(String prefix, Path dir) {
        return new Builder(prefix, dir);
    }

    /** The arguments after {@code lab up}. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of(
                "--nodes", Integer.toString(nodes),
                "--control-planes", Integer.toString(controlPlanes),
                "--prefix", prefix,
                "--user", user,
                "--auth", auth.name().toLowerCase(),
                "--port", Integer.toString(mirrorPort),
                "--ssh-port", Integer.toString(sshPort),
                "--latency", latency,
                "--dir", dir.toString()));
        if (sudoPassword) {
            args.add("--sudo-password");
        }
        if (cpus != null) {
            args.addAll(List.of("--cpus", cpus.toString()));
        }
        if (memoryMb != null) {
            args.addAll(List.of("--memory-mb", memoryMb.toString()));
        }
        hostCpus.forEach((host, c) -> args.addAll(List.of("--host-cpus", host + "=" + c)));
        hostMemoryMb.forEach((host, m) -> args.addAll(List.of("--host-memory-mb", host + "=" + m)));
        return args;
    }

    public static final class Builder {
        private int nodes = 3;
        private int controlPlanes = 1;
        private final String prefix;
        private String user = "root";
        private Auth auth = Auth.KEY;
        private boolean sudoPassword;
        private int mirrorPort = 8080;
        private int sshPort = 22;
        private String latency = "none";
        private Integer cpus;
        private Integer memoryMb;
        private final Map<String, Integer> hostCpus = new LinkedHashMap<>();
        private final Map<String, Integer> hostMemoryMb = new LinkedHashMap<>();
        private final Path dir;

        private Builder(String prefix, Path dir) {
            this.prefix = prefix;
            this.dir = dir;
        }

        public Builder nodes(int nodes) {
            this.nodes = nodes;
            return this;
        }

        public Builder controlPlanes(int controlPlanes) {
            this.controlPlanes = controlPlanes;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder auth(Auth auth) {
            this.auth = auth;
            return this;
        }

        public Builder sudoPassword(boolean sudoPassword) {
            this.sudoPassword = sudoPassword;
            return this;
        }

        public Builder mirrorPort(int mirrorPort) {
            this.mirrorPort = mirrorPort;
            return this;
        }

        public Builder sshPort(int sshPort) {
            this.sshPort = sshPort;
            return this;
        }

        public Builder latency(String latency) {
            this.latency = latency;
            return this;
        }

        public Builder cpus(int cpus) {
            this.cpus = cpus;
            return this;
        }

        public Builder memoryMb(int memoryMb) {
            this.memoryMb = memoryMb;
            return this;
        }

        public Builder hostCpus(String host, int cpus) {
            hostCpus.put(host, cpus);
            return this;
        }

        public Builder hostMemoryMb(String host, int memoryMb) {
            hostMemoryMb.put(host, memoryMb);
            return this;
        }

        public LabOptions build() {
            return new LabOptions(nodes, controlPlanes, prefix, user, auth, sudoPassword, mirrorPort,
                    sshPort, latency, cpus, memoryMb, hostCpus, hostMemoryMb, dir);
        }
    }
}
