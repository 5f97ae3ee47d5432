package io.kubeorch.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * kubeorch serves HTTPS itself when {@code KUBEORCH_TLS_KEYSTORE} names a keystore (PKCS12 or
 * JKS) on its server: the one port then speaks TLS only (plain HTTP to it is refused), and the
 * session and CSRF cookies are marked {@code Secure}, with HSTS on. Without it nothing changes.
 *
 * <ul>
 * <li>{@code KUBEORCH_TLS_KEYSTORE}: path of the keystore file
 * <li>{@code KUBEORCH_TLS_KEYSTORE_PASSWORD}: its password (also the key's)
 * <li>{@code KUBEORCH_TLS_KEY_ALIAS}: which key, when the keystore holds several
 * <li>{@code KUBEORCH_TLS_KEYSTORE_TYPE}: {@code PKCS12} (default) or {@code JKS}
 * </ul>
 */
public class TlsFromEnvironment implements EnvironmentPostProcessor {

    static final String KEYSTORE = "kubeorch.tls.keystore";
    static final String PASSWORD = "kubeorch.tls.keystore-password";
    static final String ALIAS = "kubeorch.tls.key-alias";
    static final String TYPE = "kubeorch.tls.keystore-type";

    private final Log log;

    public TlsFromEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(TlsFromEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String keystore = environment.getProperty(KEYSTORE);
        if (keystore == null || keystore.isBlank()) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("kubeorchTls", settings(
                keystore, environment.getProperty(PASSWORD), environment.getProperty(ALIAS),
                environment.getProperty(TYPE, "PKCS12"))));
        log.info("HTTPS only, with the keystore " + Path.of(keystore).toAbsolutePath());
    }

    /** The Spring Boot, Tomcat and Camunda settings for HTTPS with the given keystore. */
    static Map<String, Object> settings(String keystore, String password, String alias, String type) {
        Path file = Path.of(keystore).toAbsolutePath();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalStateException("KUBEORCH_TLS_KEYSTORE: " + file + " is not a readable file; "
                    + "give the path of a PKCS12 or JKS keystore with the server's key and certificate, or unset it for plain HTTP");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("KUBEORCH_TLS_KEYSTORE_PASSWORD: not set; set the password of " + file);
        }
        if (!type.equalsIgnoreCase("PKCS12") && !type.equalsIgnoreCase("JKS")) {
            throw new IllegalStateException("KUBEORCH_TLS_KEYSTORE_TYPE: '" + type + "' is neither PKCS12 nor JKS");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("server.ssl.enabled", "true");
        settings.put("server.ssl.key-store", file.toUri().toString());
        settings.put("server.ssl.key-store-password", password);
        settings.put("server.ssl.key-store-type", type.toUpperCase(java.util.Locale.ROOT));
        if (alias != null && !alias.isBlank()) {
            settings.put("server.ssl.key-alias", alias);
        }
        settings.put("server.servlet.session.cookie.secure", "true");
        settings.put("camunda.bpm.webapp.session-cookie.enable-secure-cookie", "true");
        settings.put("camunda.bpm.webapp.csrf.enable-secure-cookie", "true");
        settings.put("camunda.bpm.webapp.header-security.hsts-disabled", "false");
        return settings;
    }
}
