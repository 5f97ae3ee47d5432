package io.kubeorch.ssh;

import org.springframework.stereotype.Component;

/**
 * Resolves a password by the name an inventory gives for it: an environment variable of the kubeorch
 * server, else a JVM system property of that name. The caller wipes the returned array after use.
 */
@Component
class PasswordSource {

    /** The password, or null when neither an environment variable nor a system property has that name. */
    char[] resolve(String name) {
        String value = System.getenv(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        return value == null ? null : value.toCharArray();
    }
}
