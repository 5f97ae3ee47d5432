package io.kubeorch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-compose.yml and the Dockerfile, checked by Debian's docker-compose (no Docker engine runs here). */
class ComposeFileTest {

    private static final Path EXAMPLE = Path.of(".env.example");

    @TempDir
    Path dir;

    @Test
    void theDefaultProfileRunsOneKubeorchAfterAHealthyPostgres() {
        JsonNode config = ComposeFile.config(EXAMPLE);

        assertThat(ComposeFile.startedServices(config)).containsExactlyInAnyOrder("postgres", "kubeorch");
        JsonNode postgres = config.at("/services/postgres");
        assertThat(postgres.at("/healthcheck/test").toString()).contains("pg_isready");
        assertThat(postgres.get("volumes").get(0).asText()).startsWith("postgres-data:/var/lib/postgresql/data");
        assertThat(config.at("/volumes").has("postgres-data")).isTrue();
        JsonNode kubeorch = config.at("/services/kubeorch");
        assertThat(kubeorch.at("/build/context").isMissingNode()).isFalse();
        assertThat(kubeorch.at("/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
        assertThat(kubeorch.get("ports").get(0).get("target").asInt()).isEqualTo(8080);
        assertThat(kubeorch.get("volumes")).singleElement().satisfies(ssh -> {
            assertThat(ssh.get("target").asText()).isEqualTo("/etc/kubeorch/ssh");
            assertThat(ssh.get("read_only").asBoolean()).isTrue();
        });
    }

    @Test
    void passwordsComeFromTheEnvFileOnly() throws Exception {
        Map<String, String> example = envFile(EXAMPLE);
        JsonNode config = ComposeFile.config(EXAMPLE);

        assertThat(ComposeFile.environment(config, "postgres"))
                .containsEntry("POSTGRES_PASSWORD", example.get("KUBEORCH_DB_PASSWORD"));
        assertThat(ComposeFile.environment(config, "kubeorch"))
                .containsEntry("KUBEORCH_DB_PASSWORD", example.get("KUBEORCH_DB_PASSWORD"))
                .containsEntry("KUBEORCH_ADMIN_PASSWORD", example.get("KUBEORCH_ADMIN_PASSWORD"));
        // in the file itself every password is a variable
        Matcher passwords = Pattern.compile("(?m)^\\s*\\w*PASSWORD\\w*:\\s*(.*)$").matcher(Files.readString(ComposeFile.COMPOSE));
        int found = 0;
        while (passwords.find()) {
            assertThat(passwords.group(1)).startsWith("${").endsWith("}");
            found++;
        }
        assertThat(found).isGreaterThanOrEqualTo(3);
    }

    @Test
    void withoutTheEnvFileComposeRefusesAndSaysWhatToSet() throws Exception {
        Path empty = Files.writeString(dir.resolve(".env"), "");

        ComposeFile.Result result = ComposeFile.run(empty);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("KUBEORCH_").contains(".env.example");
    }

    @Test
    void theTwoInstancesProfileRunsTwoKubeorchsOnTheOneDatabaseEachWithItsIdentity() {
        JsonNode config = ComposeFile.config(EXAMPLE, ComposeFile.TWO_INSTANCES);

        assertThat(ComposeFile.startedServices(config, ComposeFile.TWO_INSTANCES))
                .containsExactlyInAnyOrder("postgres", "kubeorch", "kubeorch-2");
        Map<String, String> first = ComposeFile.environment(config, "kubeorch");
        Map<String, String> second = ComposeFile.environment(config, "kubeorch-2");
        assertThat(second.get("KUBEORCH_DB_URL")).isEqualTo(first.get("KUBEORCH_DB_URL"))
                .startsWith("jdbc:postgresql://postgres:5432/");
        assertThat(first.get("KUBEORCH_INSTANCE_ID")).isEqualTo("kubeorch-1");
        assertThat(second.get("KUBEORCH_INSTANCE_ID")).isEqualTo("kubeorch-2");
        assertThat(config.at("/services/kubeorch-2/ports/0/published").asInt())
                .isNotEqualTo(config.at("/services/kubeorch/ports/0/published").asInt());
        assertThat(config.at("/services/kubeorch-2/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
        assertThat(config.at("/services/kubeorch-2/volumes/0/read_only").asBoolean()).isTrue();
    }

    @Test
    void theImageRunsThePackagedJarAsANonRootUserWithTheRecommendedJvmOptions() throws Exception {
        List<String> dockerfile = ComposeFile.dockerfile();
        String guide = Files.readString(Path.of("docs/operators-guide.md"));

        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre").contains("COPY target/kubeorch-*.jar /opt/kubeorch/kubeorch.jar")
                .anyMatch(line -> line.startsWith("HEALTHCHECK "))
                .anyMatch(line -> line.matches("USER [1-9][0-9]*(:[1-9][0-9]*)?"));
        assertThat(ComposeFile.imageEnvironment()).containsEntry("SPRING_PROFILES_ACTIVE", "postgres");
        assertThat(guide).contains("`java " + String.join(" ", ComposeFile.imageJavaOptions()) + " -jar ...`");
    }

    private static Map<String, String> envFile(Path file) throws Exception {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] pair = line.split("=", 2);
                values.put(pair[0], pair[1]);
            }
        }
        return values;
    }
}
