package io.kubeorch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * docker-compose.yml and the Dockerfile as Docker would use them: the compose file resolved by
 * Debian's {@code docker-compose config} (interpolated from an env file, anchors merged,
 * profiles applied), and the image's environment and JVM options read from the Dockerfile.
 * No Docker engine is needed.
 */
final class ComposeFile {

    static final Path COMPOSE = Path.of("docker-compose.yml");
    static final Path DOCKERFILE = Path.of("Dockerfile");
    static final String TWO_INSTANCES = "two-instances";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Result(int exitCode, String stdout, String stderr) {
    }

    private ComposeFile() {
    }

    /** {@code docker-compose --env-file ENV [--profile P] config}, resolved; fails with its message. */
    static JsonNode config(Path envFile, String... profiles) {
        Result result = run(envFile, profiles);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("docker-compose config failed: " + result.stderr());
        }
        try {
            return YAML.readTree(result.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code docker-compose config} without kubeorch's variables from this process's environment. */
    static Result run(Path envFile, String... profiles) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "--project-directory", ".",
                "-f", COMPOSE.toString(), "--env-file", envFile.toAbsolutePath().toString()));
        for (String profile : profiles) {
            command.addAll(List.of("--profile", profile));
        }
        command.add("config");
        try {
            Path out = Files.createTempFile("compose-config", ".yaml");
            Path err = Files.createTempFile("compose-config", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().keySet().removeIf(name -> name.startsWith("KUBEORCH_"));
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException("docker-compose is not installed: install Debian's docker-compose "
                        + "(bash .ci/run does) to check docker-compose.yml", e);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("docker-compose config took more than 60 s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The services {@code docker compose [--profile P] up} starts: those without profiles and those
     * of an active profile (Debian's docker-compose lists every service in {@code config}).
     */
    static List<String> startedServices(JsonNode config, String... profiles) {
        List<String> active = List.of(profiles);
        List<String> started = new ArrayList<>();
        config.path("services").fields().forEachRemaining(service -> {
            JsonNode own = service.getValue().path("profiles");
            boolean always = own.isMissingNode() || own.isEmpty();
            boolean activated = false;
            for (JsonNode profile : own) {
                activated |= active.contains(profile.asText());
            }
            if (always || activated) {
                started.add(service.getKey());
            }
        });
        return started;
    }

    /** The environment compose passes to {@code service}'s container. */
    static Map<String, String> environment(JsonNode config, String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        config.path("services").path(service).path("environment").fields()
                .forEachRemaining(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        return environment;
    }

    /** The Dockerfile's {@code ENV NAME=value} lines: the image's own environment. */
    static Map<String, String> imageEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : dockerfile()) {
            if (line.startsWith("ENV ")) {
                for (String assignment : line.substring(4).trim().split("\\s+")) {
                    String[] pair = assignment.split("=", 2);
                    if (pair.length != 2) {
                        throw new IllegalStateException("Dockerfile: write ENV as NAME=value: " + line);
                    }
                    environment.put(pair[0], pair[1]);
                }
            }
        }
        return environment;
    }

    /** The JVM options of the image's {@code ENTRYPOINT ["java", ..., "-jar", ...]}. */
    static List<String> imageJavaOptions() {
        for (String line : dockerfile()) {
            if (line.startsWith("ENTRYPOINT ")) {
                try {
                    List<String> entrypoint = List.of(YAML.readValue(line.substring(11), String[].class));
                    if (!entrypoint.get(0).equals("java") || !entrypoint.contains("-jar")) {
                        throw new IllegalStateException("Dockerfile: ENTRYPOINT is not [\"java\", ..., \"-jar\", ...]");
                    }
                    return entrypoint.subList(1, entrypoint.indexOf("-jar"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("Dockerfile: no ENTRYPOINT");
    }

    static List<String> dockerfile() {
        try {
            return Files.readAllLines(DOCKERFILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
