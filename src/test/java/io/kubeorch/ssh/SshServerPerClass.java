package io.kubeorch.ssh;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real OpenSSH server for a test class, started before its first test and stopped after its
 * last: {@code @RegisterExtension static final SshServerPerClass sshd = new SshServerPerClass();}
 */
final class SshServerPerClass implements BeforeAllCallback, AfterAllCallback {

    private OpenSshServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = OpenSshServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    OpenSshServer server() {
        return server;
    }
}
