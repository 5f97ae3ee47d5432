package io.kubeorch.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Login users other than root, sudo, and password authentication. */
class LabUserTest {

    private static LabOptions.Builder options(String name) {
        return LabOptions.builder("127.0.14", Path.of("target/lab-tests/user-" + name)).nodes(1);
    }

    @Test
    void aLoginUserWithPasswordlessSudoGetsRootThroughSudoN() throws Exception {
        try (Lab lab = Lab.start(options("sudo").user("kube").build())) {
            try (LabSsh ssh = LabSsh.connect(lab, "master01")) {
                assertThat(ssh.run("id -un").stdout()).isEqualTo("kube\n");
                LabSsh.Result sudo = ssh.run("sudo -n id -un");
                assertThat(sudo.exitStatus()).as(sudo.stderr()).isZero();
                assertThat(sudo.stdout()).isEqualTo("root\n");
            }
            assertThat(Files.readString(lab.inventory())).contains("  user: kube\n").contains("  sudo: true\n");
            assertThat(Files.readAllLines(Path.of("/etc/passwd"))).noneMatch(l -> l.startsWith("kube:"));
        }
    }

    @Test
    void withSudoPasswordSudoNFailsAndTheWrittenPasswordWorks() throws Exception {
        try (Lab lab = Lab.start(options("sudopw").user("kube").sudoPassword(true).build())) {
            String password = lab.sudoPassword().orElseThrow();
            try (LabSsh ssh = LabSsh.connect(lab, "master01")) {
                assertThat(ssh.run("sudo -n true").exitStatus()).isNotZero();
                LabSsh.Result sudo = ssh.run("sudo -S -p '' id -un", password + "\n", Duration.ofSeconds(20));
                assertThat(sudo.exitStatus()).as(sudo.stderr()).isZero();
                assertThat(sudo.stdout()).isEqualTo("root\n");
            }
            assertThat(Files.readString(lab.inventory())).contains("  sudoPasswordEnv: LAB_SUDO_PASSWORD\n");
            assertThat(Files.readString(lab.dir().resolve("lab.env"))).contains("LAB_SUDO_PASSWORD=" + password);
        }
    }

    @Test
    void passwordAuthenticationWorksAndTheInventoryNamesThePasswordVariable() throws Exception {
        try (Lab lab = Lab.start(options("password").auth(LabOptions.Auth.PASSWORD).build())) {
            assertThat(lab.sshPassword()).isPresent();
            try (LabSsh ssh = LabSsh.connect(lab, "master01")) {
                assertThat(ssh.run("id -un").stdout()).isEqualTo("root\n");
            }
            String inventory = Files.readString(lab.inventory());
            assertThat(inventory).contains("  passwordEnv: LAB_SSH_PASSWORD\n").doesNotContain("privateKeyFile");
            assertThat(Files.readString(lab.dir().resolve("lab.env")))
                    .contains("LAB_SSH_PASSWORD=" + lab.sshPassword().get());
        }
    }
}
