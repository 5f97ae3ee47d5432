package io.kubeorch.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lab can be started, stopped, restarted, and run next to another one. */
class LabLifecycleTest {

    private static final Path DIR = Path.of("target/lab-tests/lifecycle").toAbsolutePath();

    @Test
    void labDownLeavesNoProcessNoMountAndNoFileBehind() throws Exception {
        Lab lab = Lab.start(LabOptions.builder("127.0.15", DIR).build());
        List<String> namespaces = lab.nodes().stream().map(lab::mountNamespace).toList();
        assertThat(LabHostProcess.inMountNamespaces(namespaces)).hasSizeGreaterThanOrEqualTo(6);

        lab.down();

        assertThat(LabHostProcess.inMountNamespaces(namespaces)).isEmpty();
        List<LabHostProcess> survivors = LabHostProcess.all();
        assertThat(survivors).noneMatch(p -> p.commandLine().contains(DIR.toString()));
        assertThat(survivors).noneMatch(p -> p.commandLine().contains("127.0.15."));
        assertThat(survivors).noneMatch(p -> p.mountInfo().contains(DIR.toString()));
        assertThat(DIR).doesNotExist();
        for (String address : List.of("127.0.15.1", "127.0.15.3")) {
            assertThatThrownBy(() -> connect(address, 22)).isInstanceOf(ConnectException.class);
        }
        assertThatThrownBy(() -> connect("127.0.15.254", 8080)).isInstanceOf(ConnectException.class);
    }

    @Test
    void twoLabsWithDifferentPrefixesAndDirectoriesRunSideBySide() throws Exception {
        try (Lab first = Lab.start(LabOptions.builder("127.0.15", DIR.resolveSibling("first")).nodes(2).build());
                Lab second = Lab.start(LabOptions.builder("127.0.16", DIR.resolveSibling("second")).nodes(2).build())) {
            first.down();
            try (LabSsh ssh = LabSsh.connect(second, "node01")) {
                assertThat(ssh.run("cat /var/lib/lab/node").stdout()).isEqualTo("node01\n");
            }
            assertThat(second.status()).containsPattern("node01 +127\\.0\\.16\\.2 +\\d+ +up");
        }
    }

    @Test
    void aRunningLabIsNotOverwrittenAndTheDirectoryCanBeReusedAfterDown() throws Exception {
        LabOptions options = LabOptions.builder("127.0.15", DIR.resolveSibling("reuse")).nodes(1).build();
        try (Lab lab = Lab.start(options)) {
            assertThatThrownBy(() -> Lab.start(options))
                    .hasMessageContaining("a lab is running in " + options.dir());
        }
        try (Lab again = Lab.start(options); LabSsh ssh = LabSsh.connect(again, "master01")) {
            assertThat(ssh.run("true").exitStatus()).isZero();
        }
        assertThat(Files.exists(options.dir())).isFalse();
    }

    private static void connect(String address, int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
        }
    }
}
