package io.kubeorch.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.InventoryError;
import io.kubeorch.inventory.InventoryParser;

/**
 * What an install's ssh settings name on the kubeorch server, checked before it starts: real key
 * files (ssh-keygen), real known_hosts files (hashed and not), variables as system properties.
 */
class SshSettingsCheckTest {

    @TempDir
    Path workingDirectory;

    private final String password = "KUBEORCH_TEST_CHECK_PASSWORD_" + ProcessHandle.current().pid();
    private final String sudoPassword = "KUBEORCH_TEST_CHECK_SUDO_PASSWORD_" + ProcessHandle.current().pid();
    private SshSettingsCheck check;

    @BeforeEach
    void setUp() throws IOException {
        check = new SshSettingsCheck(new SshTargets(workingDirectory), new PasswordSource());
        Files.createDirectories(workingDirectory.resolve("keys"));
        LocalCommands.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", workingDirectory.resolve("keys/id").toString());
        String hostKey = OpenSshServer.publicKeyText(workingDirectory.resolve("keys/id.pub"));
        // the first node hashed (as ssh-keygen -H writes it), the others plain
        Files.writeString(workingDirectory.resolve("keys/known_hosts"), "10.0.0.1 " + hostKey + "\n");
        LocalCommands.run("ssh-keygen", "-q", "-H", "-f", workingDirectory.resolve("keys/known_hosts").toString());
        Files.writeString(workingDirectory.resolve("keys/known_hosts"), "# a comment\n10.0.0.2,node02 " + hostKey
                + "\n[10.0.0.3]:2222 " + hostKey + "\n[bastion.example.com]:2200 " + hostKey + "\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(password);
        System.clearProperty(sudoPassword);
    }

    @Test
    void usableSettingsPass() {
        assertThat(check.check(inventory("privateKeyFile: keys/id", "knownHostsFile: keys/known_hosts"))).isEmpty();
        assertThat(check.check(inventory("privateKeyFile: " + workingDirectory.resolve("keys/id"),
                "knownHostsFile: " + workingDirectory.resolve("keys/known_hosts")))).isEmpty();
    }

    @Test
    void aMissingKeyFileIsReportedWithWhereItWasLookedFor() {
        assertThat(check.check(inventory("privateKeyFile: keys/missing", "knownHostsFile: keys/known_hosts")))
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("ssh.privateKeyFile");
                    assertThat(error.message()).contains("there is no file " + workingDirectory.resolve("keys/missing"))
                            .contains("'keys/missing' in the working directory of the kubeorch server, "
                                    + workingDirectory);
                });
    }

    @Test
    void aKeyFileKubeorchCannotUseIsRefusedWithTheFix() throws IOException {
        LocalCommands.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "a passphrase", "-f",
                workingDirectory.resolve("keys/encrypted").toString());
        Files.writeString(workingDirectory.resolve("keys/garbage"), "not a key\n");
        Files.createDirectories(workingDirectory.resolve("keys/dir"));

        assertThat(errors("privateKeyFile: keys/encrypted", "knownHostsFile: keys/known_hosts"))
                .singleElement().satisfies(error -> assertThat(error.message()).contains("is not a private key")
                        .contains("ssh-keygen -p -N '' -f " + workingDirectory.resolve("keys/encrypted")));
        assertThat(errors("privateKeyFile: keys/garbage", "knownHostsFile: keys/known_hosts"))
                .singleElement().satisfies(error -> assertThat(error.message()).contains("is not a private key"));
        assertThat(errors("privateKeyFile: keys/dir", "knownHostsFile: keys/known_hosts"))
                .singleElement().satisfies(error -> assertThat(error.message()).contains("is not a file"));
    }

    @Test
    void passwordVariablesMustBeSetOnTheServer() {
        List<String> settings = List.of("passwordEnv: " + password, "knownHostsFile: keys/known_hosts", "user: kube",
                "sudo: true", "sudoPasswordEnv: " + sudoPassword);

        assertThat(check.check(inventory(settings.toArray(String[]::new)))).extracting(InventoryError::field)
                .containsExactly("ssh.passwordEnv", "ssh.sudoPasswordEnv");
        assertThat(check.check(inventory(settings.toArray(String[]::new))).get(1).message())
                .contains(sudoPassword + " is not set on the kubeorch server")
                .contains("the password sudo asks 'kube' for on the nodes");

        System.setProperty(password, "");
        System.setProperty(sudoPassword, "two\nlines");
        assertThat(check.check(inventory(settings.toArray(String[]::new))))
                .extracting(InventoryError::message)
                .satisfiesExactly(empty -> assertThat(empty).contains(password + " is empty"),
                        lines -> assertThat(lines).contains("holds a line break").doesNotContain("two"));

        System.setProperty(password, "p");
        System.setProperty(sudoPassword, "s");
        assertThat(check.check(inventory(settings.toArray(String[]::new)))).isEmpty();
    }

    @Test
    void withoutAcceptNewEveryNodeAndTheJumpHostMustBeInKnownHosts() {
        Inventory inventory = inventory(List.of("privateKeyFile: keys/id", "knownHostsFile: keys/known_hosts",
                "jumpHost: bastion.example.com:2201"), List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"));

        assertThat(check.check(inventory)).extracting(InventoryError::field)
                .containsExactly("ssh.jumpHost", "nodes[2].address");
        assertThat(check.check(inventory).get(1).message()).contains("10.0.0.3 has no host key in known_hosts file "
                + workingDirectory.resolve("keys/known_hosts")).contains("ssh-keyscan -p 22 10.0.0.3 >> ")
                .contains("ssh.acceptNewHostKeys: true");

        Inventory onPort2222 = inventory(List.of("privateKeyFile: keys/id", "knownHostsFile: keys/known_hosts",
                "port: 2222"), List.of("10.0.0.3"));
        assertThat(check.check(onPort2222)).isEmpty();
        assertThat(check.check(inventory(List.of("privateKeyFile: keys/id", "knownHostsFile: keys/known_hosts",
                "acceptNewHostKeys: true"), List.of("10.0.0.9")))).as("accept-new records unknown hosts").isEmpty();
    }

    @Test
    void aMissingKnownHostsFileIsFineOnlyWhenKubeorchMayCreateIt() throws IOException {
        assertThat(errors("privateKeyFile: keys/id", "knownHostsFile: state/known_hosts"))
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("ssh.knownHostsFile");
                    assertThat(error.message()).contains("there is no file").contains("ssh-keyscan")
                            .contains("ssh.acceptNewHostKeys: true");
                });
        assertThat(errors("privateKeyFile: keys/id", "knownHostsFile: state/known_hosts", "acceptNewHostKeys: true"))
                .isEmpty();

        Files.writeString(workingDirectory.resolve("state"), "a file, not a directory\n");
        assertThat(errors("privateKeyFile: keys/id", "knownHostsFile: state/known_hosts", "acceptNewHostKeys: true"))
                .singleElement().satisfies(error -> assertThat(error.message()).contains("cannot be created")
                        .contains(workingDirectory.resolve("state") + " is not a directory"));
    }

    private List<InventoryError> errors(String... ssh) {
        return check.check(inventory(ssh));
    }

    private static Inventory inventory(String... ssh) {
        return inventory(List.of(ssh), List.of("10.0.0.1", "10.0.0.2"));
    }

    private static Inventory inventory(List<String> ssh, List<String> addresses) {
        StringBuilder yaml = new StringBuilder("name: check\nssh:\n");
        ssh.forEach(line -> yaml.append("  ").append(line).append('\n'));
        yaml.append("nodes:\n");
        for (int i = 0; i < addresses.size(); i++) {
            yaml.append("  - {name: node0").append(i + 1).append(", address: ").append(addresses.get(i))
                    .append(", roles: [").append(i == 0 ? "control-plane" : "worker").append("]}\n");
        }
        return new InventoryParser().read(yaml.toString());
    }
}
