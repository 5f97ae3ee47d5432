package io.kubeorch.lab;

/**
 * One line of /var/lib/lab-shared/records/commands.tsv: an SSH command a lab host ran.
 * The command is the client's command line with tabs, newlines and backslashes escaped,
 * cut to 300 characters. Exit code 255 marks a connection cut by the {@code drop} fault.
 */
public record LabCommandRecord(String node, long startMs, long endMs, int exitCode, String command) {

    public static LabCommandRecord parse(String line) {
        String[] f = line.split("\t", 5);
        if (f.length != 5) {
            throw new IllegalArgumentException("not a command record: " + line);
        }
        return new LabCommandRecord(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]),
                Integer.parseInt(f[3]), f[4]);
    }

    public long durationMs() {
        return endMs - startMs;
    }
}
