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
 * [--out docs/benchmarks.md] [--no-floor] [--java-opts "..."]}; the JVM options default to the ones
 * docs/operators-guide.md recommends.
 */
public final class InstallBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "bench-admin-password";
    private static final String PREFIX = "127.0.60";
    private static final int PORT = 18060;
    private static final Path LAB_DIR = Path.of("target/bench-lab");
    private static final long CLOCK_TICKS = 100;
    static final int DEFAULT_NICE = -10;
    static final String RECOMMENDED_JAVA_OPTS = "-XX:TieredStopAtLevel=1 -Xmx512m";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String authorization = "Basic "
            + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    record Result(int nodes, String db, double wallS, double criticalS, double floorS, double cpuS, long peakRssMiB,
            String connectionsPerNode, long gapMedianMs, long gapP95Ms, long engineGapMedianMs, long engineGapP95Ms,
            String load, String stages, String databasePool) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(1, 3, 10);
        String db = "h2";
        Path jar = null;
        Path out = Path.of("docs/benchmarks.md");
        boolean floor = true;
        // as docs/operators-guide.md recommends running kubeorch; --java-opts "" for the JVM's defaults
        String javaOpts = RECOMMENDED_JAVA_OPTS;
        int nice = DEFAULT_NICE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nodes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--db" -> db = args[++i];
                case "--jar" -> jar = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--no-floor" -> floor = false;
                case "--java-opts" -> javaOpts = args[++i];
                case "--nice" -> nice = Integer.parseInt(args[++i]);
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
        // The embedded server's test defaults (synchronous_commit off, 300 connections) set back to
        // PostgreSQL's own, as a production server runs.
        EmbeddedPostgres postgres = db.equals("postgres") ? EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on").setServerConfig("max_connections", "100").start() : null;
        InstallBenchmark bench = new InstallBenchmark();
        List<Result> results = new ArrayList<>();
        try {
            for (int nodes : sizes) {
                Result result = bench.run(nodes, db, postgres, jar, floor, javaOpts, nice);
                results.add(result);
                System.out.println(header());
                System.out.println(row(result));
                appendRow(out, result, javaOpts, nice);
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

    Result run(int nodes, String db, EmbeddedPostgres postgres, Path jar, boolean withFloor, String javaOpts,
            int nice) throws Exception {
        log("lab up: " + nodes + " nodes");
        try (Lab lab = Lab.start(LabOptions.builder(PREFIX, LAB_DIR).nodes(nodes).latency("benchmark").build())) {
            Path data = Path.of("target/bench-data", db + "-" + nodes);
            deleteTree(data);
            Files.createDirectories(data);
            // its own session, so that its scheduling group is its own (see setNice)
            List<String> command = new ArrayList<>(List.of("setsid",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            if (!javaOpts.isBlank()) {
                command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
            }
            // the administrator approves the installs it starts: four-eyes costs the benchmark nothing to skip
            command.addAll(List.of("-jar", jar.toString(), "--server.port=" + PORT,
                    "--kubeorch.data-dir=" + data.toAbsolutePath(), "--kubeorch.approval.four-eyes=false"));
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
                awaitUp(app, data); // and setsid has made its session by then
                setNice(app.pid(), nice);
                log("kubeorch up (pid " + app.pid() + "), load " + load());
                return measure(lab, app, nodes, db, withFloor);
            } finally {
                app.destroy();
                app.waitFor();
            }
        }
    }

    /**
     * The lab's hosts share this machine's cores with kubeorch. With the kernel's autogroup
     * scheduling every SSH session is a scheduling group of its own, as large as all of kubeorch's
     * threads together: 30 busy sessions leave kubeorch a 31st of the CPU, which real hosts, with
     * CPUs of their own, never take from it. The benchmark gives kubeorch's group the weight of
     * {@code nice} (default -10, about nine sessions); 0 measures the plain sharing.
     */
    static void setNice(long pid, int nice) throws IOException {
        Path autogroup = Path.of("/proc", Long.toString(pid), "autogroup");
        if (nice != 0 && Files.exists(autogroup)) {
            Files.writeString(autogroup, Integer.toString(nice));
            log("kubeorch's scheduling group: " + Files.readString(autogroup).trim());
        }
    }

    private Result measure(Lab lab, Process app, int nodes, String db, boolean withFloor) throws Exception {
        String load = load();
        int labRecordsBefore = lab.commandRecords().size();
        double cpuBefore = cpuSeconds(app.pid());
        java.util.Map<String, Long> threadsBefore = threadTicks(app.pid());
        long t0 = System.currentTimeMillis();
        PoolSampler pool = new PoolSampler();
        pool.start();
        JsonNode started = send("POST", "/api/installs", "application/yaml", Files.readString(lab.inventory()));
        String id = started.get("id").asText();
        // Cheap polls (one query each, every 0.5 s, then 1 s) so the driver costs kubeorch little: the
        // approval task, then the root instance's end. kubeorch's own install view runs queries per node; it is read once at the end.
        String processInstance = send("GET", "/api/installs/" + id, null, null).get("processInstanceId").asText();
        long deadline = System.currentTimeMillis() + Duration.ofHours(2).toMillis();
        while (send("GET", "/engine-rest/task?processInstanceId=" + processInstance + "&taskDefinitionKey=approveInit",
                null, null).isEmpty()) {
            check(deadline, id);
            Thread.sleep(500);
        }
        send("POST", "/api/installs/" + id + "/approval", "application/json",
                "{\"approved\":true,\"comment\":\"benchmark\"}");
        log("approved after " + (System.currentTimeMillis() - t0) + " ms");
        JsonNode history = send("GET", "/engine-rest/history/process-instance/" + processInstance, null, null);
        while (history.get("endTime").isNull()) {
            check(deadline, id);
            Thread.sleep(1000); // the end time comes from the history, not from when this poll sees it
            history = send("GET", "/engine-rest/history/process-instance/" + processInstance, null, null);
        }
        pool.interrupt();
        pool.join();
        log("database pool: " + pool);
        double cpu = cpuSeconds(app.pid()) - cpuBefore;
        java.util.Map<String, Long> threads = threadTicks(app.pid());
        threadsBefore.forEach((name, ticks) -> threads.merge(name, -ticks, Long::sum));
        log("CPU by thread group during the install (s): " + threads.entrySet().stream()
                .filter(e -> e.getValue() > 0).sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12).map(e -> e.getKey() + " " + e.getValue() / (double) CLOCK_TICKS)
                .collect(java.util.stream.Collectors.joining(", ")));
        long peakRss = procStatusKb(app.pid(), "VmHWM") / 1024;
        String state = send("GET", "/api/installs/" + id, null, null).get("state").asText();
        if (!state.equals("completed")) {
            throw new IllegalStateException("install " + id + " ended " + state);
        }
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
        long[] engineGaps = engineGaps(recorded);
        log("engine hand-over between steps of a node: median " + engineGaps[0] + " ms, p95 " + engineGaps[1] + " ms");
        dump(Path.of("target/bench-data", db + "-" + nodes, "commands.tsv"), path, recorded);
        String connections = connectionsPerNode(lab);
        double floor = Double.NaN;
        if (withFloor) {
            app.destroy();
            app.waitFor();
            log("floor replay, load " + load());
            floor = Floor.replayMs(lab, path, latencyMs(lab, "command")) / 1000.0;
            log("floor " + floor + " s");
        }
        return new Result(nodes, db, wall, critical, floor, cpu, peakRss, connections, gaps[0], gaps[1],
                engineGaps[0], engineGaps[1], load,
                stages.toString().trim(), pool.toString());
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

    /** Every command: host, step, the host's start and end, exit; and kubeorch's start and duration, for profiling. */
    private static void dump(Path file, CriticalPath path, List<CriticalPath.Recorded> recorded) throws IOException {
        List<CriticalPath.Recorded> sorted = new ArrayList<>(recorded);
        sorted.sort(java.util.Comparator.comparingLong(CriticalPath.Recorded::startMs));
        StringBuilder out = new StringBuilder("host\tstep\tlab_start\tlab_end\texit\n");
        for (CriticalPath.Command c : path.commands) {
            out.append(c.host()).append('\t').append(c.step()).append('\t').append(c.startMs()).append('\t')
                    .append(c.endMs()).append('\t').append(c.exitCode()).append('\n');
        }
        out.append("\nhost\tstep\tkubeorch_start\tkubeorch_duration\n");
        for (CriticalPath.Recorded r : sorted) {
            out.append(r.node()).append('\t').append(r.step()).append('\t').append(r.startMs()).append('\t')
                    .append(r.durationMs()).append('\n');
        }
        Files.writeString(file, out);
    }

    /**
     * The engine's hand-over between consecutive service tasks of one prepare-node instance, from
     * Camunda's history: the end of one activity instance to the start of the next (commit, the next
     * job's acquisition, its start), with no SSH in it.
     */
    /**
     * kubeorch's own hand-over between consecutive steps of one node's preparation, on kubeorch's
     * clock from its command records: from the end of a step's last command to the start of the
     * next step's first. It holds the step's report to the engine, the wake-up, the fetch and lock of
     * the next step and its start on a worker thread; no SSH (a command's record starts before its
     * session opens, and the node's connection is kept between steps).
     */
    private long[] engineGaps(List<CriticalPath.Recorded> recorded) {
        java.util.Map<String, List<CriticalPath.Recorded>> byNode = new java.util.HashMap<>();
        for (CriticalPath.Recorded r : recorded) {
            if (CriticalPath.PREPARE.contains(r.step())) {
                byNode.computeIfAbsent(r.node(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Long> gaps = new ArrayList<>();
        for (List<CriticalPath.Recorded> commands : byNode.values()) {
            commands.sort(java.util.Comparator.comparingLong(CriticalPath.Recorded::startMs));
            for (int i = 1; i < commands.size(); i++) {
                CriticalPath.Recorded previous = commands.get(i - 1);
                CriticalPath.Recorded next = commands.get(i);
                if (!next.step().equals(previous.step())) {
                    long gap = next.startMs() - (previous.startMs() + previous.durationMs());
                    if (gap > 1000) {
                        log("long engine gap " + gap + " ms on " + next.node() + " before " + next.step());
                    }
                    gaps.add(gap);
                }
            }
        }
        gaps.sort(null);
        return gaps.isEmpty() ? new long[] {0, 0}
                : new long[] {gaps.get(gaps.size() / 2), gaps.get((int) Math.ceil(gaps.size() * 0.95) - 1)};
    }


    /** Connections each host accepted during the install: its sshd's "Accepted" log lines (min-max over hosts). */
    static String connectionsPerNode(Lab lab) throws IOException {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (String node : lab.nodes()) {
            Path log = lab.dir().resolve("hosts").resolve(node).resolve("upper/var-log/sshd.log");
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

    /** Fails early when the install needs an operator or failed, instead of waiting for the deadline. */
    private void check(long deadline, String id) throws Exception {
        if (System.currentTimeMillis() > deadline) {
            throw new IllegalStateException("install " + id + " did not finish in time");
        }
        checks++;
        if (checks % 20 == 0) {
            String state = send("GET", "/api/installs/" + id, null, null).get("state").asText();
            if (List.of("failed", "waiting-for-decision", "rejected", "aborted").contains(state)) {
                throw new IllegalStateException("install " + id + " is " + state);
            }
        }
    }

    private int checks;

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

    /**
     * kubeorch's database connections during the install, from its own metrics (Hikari's gauges)
     * every second: the most in use at once, and the most requests waiting for one.
     */
    private final class PoolSampler extends Thread {

        private double maxActive;
        private double maxPending;
        private double size = Double.NaN;

        PoolSampler() {
            super("bench-pool-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                try {
                    HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + PORT + "/actuator/prometheus"))
                            .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
                    for (String line : scrape.body().lines().toList()) {
                        if (line.startsWith("hikaricp_connections_active{")) {
                            maxActive = Math.max(maxActive, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                        } else if (line.startsWith("hikaricp_connections_pending{")) {
                            maxPending = Math.max(maxPending, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                        } else if (line.startsWith("hikaricp_connections_max{")) {
                            size = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        }
                    }
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // kubeorch busy or starting: the next sample
                }
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "peak %.0f of %.0f connections in use, peak %.0f waiting", maxActive, size,
                    maxPending);
        }
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

    /** CPU ticks per thread name (digits removed, so pools add up), for finding where the CPU goes. */
    static java.util.Map<String, Long> threadTicks(long pid) throws IOException {
        java.util.Map<String, Long> ticks = new java.util.TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException e) {
                    // the thread ended
                }
            }
        }
        return ticks;
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
                + " | host gap median / p95 ms | engine gap median / p95 ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
    }

    static String row(Result r) {
        String machine;
        try {
            machine = machine();
        } catch (IOException e) {
            machine = "?";
        }
        boolean floor = !Double.isNaN(r.floorS());
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %.1f | %.1f | %.2f | %s | %s | %s | %.1f | %d | %s | %d / %d | %d / %d |",
                LocalDate.now(), machine, r.load(), r.db(), r.nodes(), r.wallS(), r.criticalS(), r.wallS() / r.criticalS(),
                floor ? String.format(Locale.ROOT, "%.1f", r.floorS()) : "-",
                floor ? String.format(Locale.ROOT, "%.2f", r.floorS() / r.criticalS()) : "-",
                floor ? String.format(Locale.ROOT, "%.2f", r.wallS() / r.floorS()) : "-", r.cpuS(), r.peakRssMiB(),
                r.connectionsPerNode(), r.gapMedianMs(), r.gapP95Ms(), r.engineGapMedianMs(), r.engineGapP95Ms());
    }

    /** Appends the row to the run log at the end of docs/benchmarks.md (with the stages of the critical path). */
    static void appendRow(Path out, Result r, String javaOpts, int nice) throws IOException {
        String line = row(r) + " " + (javaOpts.isBlank() ? "" : "JVM " + javaOpts + "; ")
                + "kubeorch's session nice " + nice + "; database pool: " + r.databasePool() + "; stages: " + r.stages()
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
