package io.kubeorch.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsFromEnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void aKeystoreTurnsOnHttpsAndSecureCookies() throws Exception {
        Path keystore = Files.writeString(dir.resolve("kubeorch.p12"), "not read here");

        Map<String, Object> settings = TlsFromEnvironment.settings(keystore.toString(), "secret", null, "pkcs12");

        assertThat(settings).containsEntry("server.ssl.enabled", "true")
                .containsEntry("server.ssl.key-store", keystore.toUri().toString())
                .containsEntry("server.ssl.key-store-type", "PKCS12")
                .containsEntry("server.servlet.session.cookie.secure", "true")
                .containsEntry("camunda.bpm.webapp.session-cookie.enable-secure-cookie", "true")
                .containsEntry("camunda.bpm.webapp.csrf.enable-secure-cookie", "true")
                .doesNotContainKey("server.ssl.key-alias");
    }

    @Test
    void aMissingKeystoreOrPasswordIsNamedWithTheFix() throws Exception {
        Path keystore = Files.writeString(dir.resolve("kubeorch.p12"), "x");

        assertThatThrownBy(() -> TlsFromEnvironment.settings(dir.resolve("nope.p12").toString(), "s", null, "PKCS12"))
                .hasMessageContaining("KUBEORCH_TLS_KEYSTORE").hasMessageContaining("nope.p12")
                .hasMessageContaining("unset it for plain HTTP");
        assertThatThrownBy(() -> TlsFromEnvironment.settings(keystore.toString(), null, null, "PKCS12"))
                .hasMessageContaining("KUBEORCH_TLS_KEYSTORE_PASSWORD");
        assertThatThrownBy(() -> TlsFromEnvironment.settings(keystore.toString(), "s", null, "PEM"))
                .hasMessageContaining("KUBEORCH_TLS_KEYSTORE_TYPE");
    }
}
