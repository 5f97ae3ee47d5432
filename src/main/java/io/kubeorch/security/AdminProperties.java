package io.kubeorch.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator. The password comes from {@code kubeorch.admin.password} (or the
 * environment variable {@code KUBEORCH_ADMIN_PASSWORD}); when neither is set, a random one is
 * generated the first time the account is created.
 */
@ConfigurationProperties("kubeorch.admin")
record AdminProperties(String username, String password) {

    AdminProperties {
        if (username == null || username.isBlank()) {
            username = "admin";
        }
    }

    boolean hasPassword() {
        return password != null && !password.isBlank();
    }
}
