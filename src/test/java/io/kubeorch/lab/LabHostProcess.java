package io.kubeorch.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A process of this machine and the mount namespace it lives in (read from /proc). */
public record LabHostProcess(long pid, String mountNamespace, String commandLine) {

    /** Every live (non-zombie) process whose mount namespace inode is one of INODES. */
    public static List<LabHostProcess> inMountNamespaces(Collection<String> inodes) {
        return all().stream().filter(p -> inodes.contains(p.mountNamespace())).toList();
    }

    /** Every live process of the machine that /proc lets us read. */
    public static List<LabHostProcess> all() {
        List<LabHostProcess> result = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                read(dir).ifPresent(result::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /** The mount table this process sees (/proc/PID/mountinfo), empty if it is gone. */
    public String mountInfo() {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "mountinfo"));
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<LabHostProcess> read(Path dir) {
        try {
            String link = Files.readSymbolicLink(dir.resolve("ns/mnt")).toString();
            String inode = link.replaceAll("\\D", "");
            String stat = Files.readString(dir.resolve("stat"));
            if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
                return Optional.empty();
            }
            String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
            long pid = Long.parseLong(dir.getFileName().toString());
            return Optional.of(new LabHostProcess(pid, inode, cmdline));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone meanwhile, or a kernel thread
        }
    }
}
