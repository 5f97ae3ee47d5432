package io.kubeorch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeorch.lab.Lab;
import io.kubeorch.lab.LabCommandRecord;
import io.kubeorch.lab.LabOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Installs clusters on the lab with the fixed {@code benchmark} latency profile and measures
 * kubeorch's own overhead: see docs/benchmarks.md. Not a test; run it with {@code bench/run}.
 *
 * <p>Arguments: {@code [--nodes 1,3,10,30,50] [--db h2|postgres] [--jar target/kubeorch-X.jar]
 * [--out docs/benchmarks.md] [--no-floor] [--java-opts "-Xmx..."]}.
 */
public final class InstallBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "bench-admin-password";
    private static final String PREFIX = "127.0.60";
    private static final int PORT = 18060;
    private static final Path LAB_DIR = Path.of("target/bench-lab");
    private static final long CLOCK_TICKS = 100;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String authorization = "Basic "
            + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    record Result(int nodes, String db, double wallS, double criticalS, double floorS, double cpuS, long peakRssMiB,
            String connectionsPerNode, long gapMedianMs, long gapP95Ms, String load, String stages) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(1, 3, 10);
        String db = "h2";
        Path jar = null;
        Path out = Path.of("docs/benchmarks.md");
        boolean floor = true;
        String javaOpts = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nodes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--db" -> db = args[++i];
                case "--jar" -> jar = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--no-floor" -> floor = false;
                case "--java-opts" -> javaOpts = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (jar == null) {
            try (Stream<Path> files = Files.list(Path.of("target"))) {
                jar = files.filter(p -> p.getFileName().toString().matches("kubeorch-.*\\.jar")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no target/kubeorch-*.jar: run mvn package first"));
            }
        }
        Lab.requireRoot();
        EmbeddedPostgres postgres = db.equals("postgres") ? EmbeddedPostgres.builder().start() : null;
        InstallBenchmark bench = new InstallBenchmark();
        List<Result> results = new ArrayList<>();
        try {
            for (int nodes : sizes) {
                Result result = bench.run(nodes, db, postgres, jar, floor, javaOpts);
                results.add(result);
                System.out.println(header());
                System.out.println(row(result));
                appendRow(out, result, javaOpts);
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        System.out.println();
        System.out.println(header());
        results.forEach(r -> System.out.println(row(r)));
    }

    Result run(int nodes, String db, EmbeddedPostgres postgres, Path jar, boolean withFloor, String javaOpts)
            throws Exception {
        log("lab up: " + nodes + " nodes");
        try (Lab lab = Lab.start(LabOptions.builder(PREFIX, LAB_DIR).nodes(nodes).latency("benchmark").build())) {
            Path data = Path.of("target/bench-data", db + "-" + nodes);
            deleteTree(data);
            Files.createDirectories(data);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            if (!javaOpts.isBlank()) {
                command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
            }
            command.addAll(List.of("-jar", jar.toString(), "--server.port=" + PORT,
                    "--kubeorch.data-dir=" + data.toAbsolutePath()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(data.resolve("kubeorch.log").toFile());
            builder.environment().put("KUBEORCH_ADMIN_PASSWORD", PASSWORD);
            if (postgres != null) {
                String database = "bench_" + nodes + "_" + System.currentTimeMillis();
                try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + database);
                }
                command.add("--spring.profiles.active=postgres");
                builder.command(command);
                builder.environment().put("KUBEORCH_DB_URL", postgres.getJdbcUrl("postgres", database));
                builder.environment().put("KUBEORCH_DB_USER", "postgres");
                builder.environment().put("KUBEORCH_DB_PASSWORD", "postgres");
            }
            Process app = builder.start();
            try {
                awaitUp(app, data);
                log("kubeorch up (pid " + app.pid() + "), load " + load());
                return measure(lab, app, nodes, db, withFloor);
            } finally {
                app.destroy();
                app.waitFor();
            }
        }
    }

    private Result measure(Lab lab, Process app, int nodes, String db, boolean withFloor) throws Exception {
        String load = load();
        int labRecordsBefore = lab.commandRecords().size();
        double cpuBefore = cpuSeconds(app.pid());
        long t0 = System.currentTimeMillis();
        JsonNode started = send("POST", "/api/installs", "application/yaml", Files.readString(lab.inventory()));
        String id = started.get("id").asText();
        String state = awaitState(id, 50, "waiting-for-approval");
        send("POST", "/api/installs/" + id + "/approval", "application/json",
                "{\"approved\":true,\"comment\":\"benchmark\"}");
        log("approved after " + (System.currentTimeMillis() - t0) + " ms");
        state = awaitState(id, 250, "completed");
        double cpu = cpuSeconds(app.pid()) - cpuBefore;
        long peakRss = procStatusKb(app.pid(), "VmHWM") / 1024;
        String processInstance = send("GET", "/api/installs/" + id, null, null).get("processInstanceId").asText();
        JsonNode history = send("GET", "/engine-rest/history/process-instance/" + processInstance, null, null);
        long end = OffsetDateTime.parse(history.get("endTime").asText(),
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant().toEpochMilli();
        double wall = (end - t0) / 1000.0;
        log("completed (" + state + ") in " + wall + " s");

        List<CriticalPath.Recorded> recorded = new ArrayList<>();
        for (JsonNode c : send("GET", "/api/installs/" + id + "/commands", null, null)) {
            recorded.add(new CriticalPath.Recorded(c.get("node").asText(), c.get("step").asText(),
                    Instant.parse(c.get("startedAt").asText()).toEpochMilli(), c.get("durationMs").asLong()));
        }
        List<LabCommandRecord> labRecords = lab.commandRecords();
        labRecords = labRecords.subList(labRecordsBefore, labRecords.size());
        String first = lab.nodes().get(0);
        List<String> workers = lab.nodes().subList(1, lab.nodes().size());
        long calicoReadyMs = latencyMs(lab, "calico-ready");
        CriticalPath path = CriticalPath.of(labRecords, recorded, first, List.of(), workers, calicoReadyMs);
        double critical = path.lengthMs() / 1000.0;
        StringBuilder stages = new StringBuilder();
        for (CriticalPath.Stage s : path.stages) {
            stages.append(String.format(Locale.ROOT, "%s %.1f s; ", s.name(), s.lengthMs() / 1000.0));
        }
        log("critical path " + critical + " s: " + stages);
        long[] gaps = gaps(path);
        String connections = connectionsPerNode(lab);
        double floor = Double.NaN;
        if (withFloor) {
            app.destroy();
            app.waitFor();
            log("floor replay, load " + load());
            floor = Floor.replayMs(lab, path, latencyMs(lab, "command")) / 1000.0;
            log("floor " + floor + " s");
        }
        return new Result(nodes, db, wall, critical, floor, cpu, peakRss, connections, gaps[0], gaps[1], load,
                stages.toString().trim());
    }

    /**
     * Idle time between consecutive steps of one node, on the host's clock: from the end of a step's
     * last command to the start of the next step's first command (prepare-node chains, and the first
     * control plane's sequence except across the approval). It holds the job hand-over (commit, the
     * next job's acquisition), the new step's connection and the lab's per-command latency.
     */
    static long[] gaps(CriticalPath path) {
        List<Long> gaps = new ArrayList<>();
        for (CriticalPath.Stage stage : path.stages) {
            if (!stage.name().equals("prepare nodes") && !stage.name().equals("first control plane")) {
                continue;
            }
            for (List<CriticalPath.Command> chain : stage.chains().values()) {
                for (int i = 1; i < chain.size(); i++) {
                    CriticalPath.Command prev = chain.get(i - 1);
                    CriticalPath.Command next = chain.get(i);
                    if (!prev.step().equals(next.step()) && !next.step().equals("initControlPlane")) {
                        gaps.add(next.startMs() - prev.endMs());
                    }
                }
            }
        }
        gaps.sort(null);
        if (gaps.isEmpty()) {
            return new long[] {0, 0};
        }
        return new long[] {gaps.get(gaps.size() / 2), gaps.get((int) Math.ceil(gaps.size() * 0.95) - 1)};
    }

    /** Connections each host accepted during the install: its sshd's "Accepted" log lines (min-max over hosts). */
    static String connectionsPerNode(Lab lab) throws IOException {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (String node : lab.nodes()) {
            Path log = lab.dir().resolve("hosts").resolve(node).resolve("upper/var/log/sshd.log");
            long accepted = Files.exists(log)
                    ? Files.readAllLines(log).stream().filter(l -> l.contains("Accepted ")).count() : 0;
            min = Math.min(min, accepted);
            max = Math.max(max, accepted);
        }
        return min == max ? Long.toString(min) : min + "-" + max;
    }

    private static long latencyMs(Lab lab, String key) throws IOException {
        for (String line : Files.readAllLines(lab.dir().resolve("shared/latency.conf"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals(key)) {
                return Math.round(Double.parseDouble(f[1]) * 1000);
            }
        }
        return 0;
    }

    private String awaitState(String id, long pollMs, String wanted) throws Exception {
        long deadline = System.currentTimeMillis() + Duration.ofHours(2).toMillis();
        while (System.currentTimeMillis() < deadline) {
            String state = send("GET", "/api/installs/" + id, null, null).get("state").asText();
            if (state.equals(wanted)) {
                return state;
            }
            if (List.of("failed", "waiting-for-decision", "rejected", "aborted").contains(state)) {
                throw new IllegalStateException("install " + id + " is " + state + ", not " + wanted + ": "
                        + send("GET", "/api/installs/" + id, null, null).toPrettyString());
            }
            Thread.sleep(pollMs);
        }
        throw new IllegalStateException("install " + id + " never became " + wanted);
    }

    private void awaitUp(Process app, Path data) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("kubeorch exited; see " + data.resolve("kubeorch.log"));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT
                        + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("kubeorch did not come up; see " + data.resolve("kubeorch.log"));
    }

    private JsonNode send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command: state(0) ... utime is field 14 of the whole line, index 11 here
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
    }

    static long procStatusKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String machine() throws IOException {
        long memKb = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + Math.round(memKb / 1024.0 / 1024.0) + " GiB";
    }

    static String header() {
        return "| date | machine | load (1/5/15 min) | db | nodes | wall s | critical path s | wall/critical | floor s"
                + " | floor/critical | wall/floor | CPU s | peak RSS MiB | SSH connections per node"
                + " | step gap median / p95 ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
    }

    static String row(Result r) {
        String machine;
        try {
            machine = machine();
        } catch (IOException e) {
            machine = "?";
        }
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %.1f | %.1f | %.2f | %.1f | %.2f | %.2f | %.1f | %d | %s | %d / %d |",
                LocalDate.now(), machine, r.load(), r.db(), r.nodes(), r.wallS(), r.criticalS(), r.wallS() / r.criticalS(),
                r.floorS(), r.floorS() / r.criticalS(), r.wallS() / r.floorS(), r.cpuS(), r.peakRssMiB(),
                r.connectionsPerNode(), r.gapMedianMs(), r.gapP95Ms());
    }

    /** Appends the row to the run log at the end of docs/benchmarks.md (with the stages of the critical path). */
    static void appendRow(Path out, Result r, String javaOpts) throws IOException {
        String line = row(r) + " " + (javaOpts.isBlank() ? "" : "JVM " + javaOpts + "; ") + "stages: " + r.stages()
                + "\n";
        Files.writeString(out, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void log(String message) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }
}
