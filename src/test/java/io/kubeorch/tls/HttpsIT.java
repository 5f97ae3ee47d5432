package io.kubeorch.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.kubeorch.testing.KubeorchProcess;
import io.kubeorch.web.InstallApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * The packaged kubeorch with a keystore in its environment: HTTPS only, on its one port, for the
 * web apps and the REST API; cookies only over TLS. Also what an operator sees at the first start
 * on H2, and that a crash (SIGKILL) leaves nothing running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpsIT {

    private static final String PASSWORD = "https-test-password";
    private static final String KEYSTORE_PASSWORD = "keystore-test-password";
    private static final Path DIR = Path.of("target", "https-it").toAbsolutePath();

    private static KubeorchProcess kubeorch;
    private static HttpClient https;
    private static SSLContext trust;

    @BeforeAll
    static void startWithASelfSignedCertificate() throws Exception {
        Path keystore = selfSignedKeystore();
        trust = trusting(keystore);
        https = HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(5)).build();
        kubeorch = KubeorchProcess.builder("https")
                .env("KUBEORCH_ADMIN_PASSWORD", PASSWORD)
                .env("KUBEORCH_TLS_KEYSTORE", keystore.toString())
                .env("KUBEORCH_TLS_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD)
                .args("--kubeorch.data-dir=./data-" + System.nanoTime())
                .https(trusting(keystore))
                .start();
    }

    @AfterAll
    static void stop() {
        if (kubeorch != null) {
            kubeorch.close();
        }
    }

    @Test
    void theWebAppsAndTheApiAnswerOverHttps() throws Exception {
        HttpResponse<String> welcome = https.send(HttpRequest.newBuilder(kubeorch.uri("/camunda/app/welcome/default/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(kubeorch.baseUrl()).startsWith("https://");
        assertThat(welcome.statusCode()).isEqualTo(200);
        assertThat(welcome.body()).containsIgnoringCase("camunda");
        assertThat(welcome.headers().firstValue("Strict-Transport-Security")).isPresent();

        InstallApi api = new InstallApi(kubeorch.baseUrl(), "admin", PASSWORD, https);
        InstallApi.Response refused = api.startInstall("name: x\n");
        assertThat(refused.status()).isEqualTo(400);
        HttpResponse<String> installs = https.send(HttpRequest.newBuilder(kubeorch.uri("/api/installs"))
                .header("Authorization", basic()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(installs.statusCode()).isEqualTo(200);
        assertThat(installs.body()).startsWith("[");
    }

    @Test
    void cookiesAreSentOnlyOverTls() throws Exception {
        java.net.CookieManager jar = new java.net.CookieManager();
        HttpClient browser = HttpClient.newBuilder().sslContext(trust).cookieHandler(jar).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(kubeorch.uri("/camunda/app/cockpit/default/")).build(),
                HttpResponse.BodyHandlers.ofString());
        String csrf = jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst().orElseThrow().getValue();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
                        kubeorch.uri("/camunda/api/admin/auth/user/default/login/cockpit"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        List<String> cookies = new java.util.ArrayList<>(page.headers().allValues("Set-Cookie"));
        cookies.addAll(login.headers().allValues("Set-Cookie"));
        assertThat(cookies).anyMatch(c -> c.startsWith("JSESSIONID=")).anyMatch(c -> c.startsWith("XSRF-TOKEN="))
                .allSatisfy(cookie -> assertThat(cookie).containsPattern("(?i);\\s*Secure(;|$)"));
    }

    @Test
    void plainHttpOnThePortGetsNothingOfKubeorch() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI plain = URI.create("http://localhost:" + kubeorch.port() + "/api/installs");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(plain).header("Authorization", basic())
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).doesNotStartWith("[").containsIgnoringCase("TLS");
        } catch (IOException refused) {
            // the server closed the connection: nothing was served either
        }
    }

    @Test
    void theFirstStartSaysWhereTheEmbeddedDatabaseLives() throws Exception {
        assertThat(Files.readString(kubeorch.log()))
                .contains("Embedded H2 database: " + kubeorch.directory().resolve("data-"))
                .contains("a new administrator");
    }

    /** Last: kills the shared process. SIGKILL ends it at once, without a graceful shutdown. */
    @Test
    @Order(Integer.MAX_VALUE)
    void killLeavesNothingRunning() throws Exception {
        long pid = kubeorch.pid();

        kubeorch.kill();

        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(kubeorch.isAlive()).isFalse();
        try {
            https.send(HttpRequest.newBuilder(kubeorch.uri("/actuator/health")).build(), HttpResponse.BodyHandlers.discarding());
            throw new AssertionError("kubeorch still answers after SIGKILL");
        } catch (ConnectException expected) {
            // nobody listens any more
        }
        assertThat(Files.readString(kubeorch.log())).doesNotContain("Commencing graceful shutdown");
    }

    private static Path selfSignedKeystore() throws Exception {
        Files.createDirectories(DIR);
        Path keystore = DIR.resolve("kubeorch.p12");
        Files.deleteIfExists(keystore);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "kubeorch", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", KEYSTORE_PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        return keystore;
    }

    /** Trusts the self-signed certificate in {@code keystore} and nothing else. */
    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String basic() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes());
    }
}
