package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * external mode: checkLoadBalancer on a lab host against a real TCP listener standing for the
 * balancer (on a loopback address the hosts reach, as they would reach the site's balancer), and
 * against that address with nothing listening.
 */
class CheckLoadBalancerTest {

    private static final String BALANCER = "127.0.81.200";
    private static final int PORT = 8443;

    private static LabCluster lab;

    @BeforeAll
    static void startLab() {
        lab = LabCluster.up("127.0.81", "check-load-balancer", options -> options.nodes(2),
                inventory -> inventory.replace("containerd:\n", "controlPlaneEndpoint:\n  mode: external\n"
                        + "  name: api.lab.example\n  loadBalancer: " + BALANCER + "\n  port: " + PORT + "\ncontainerd:\n"));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aBalancerThatAcceptsConnectionsPassesAndOneThatRefusesThemFailsWithTheFix() throws Exception {
        assertThatThrownBy(() -> lab.run(new CheckLoadBalancer(), "node01"))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("the load balancer " + BALANCER + " refuses connections on port " + PORT)
                .hasMessageContaining("forwarding to port 6443 of every control plane");

        try (ServerSocket balancer = new ServerSocket()) {
            balancer.bind(new InetSocketAddress(InetAddress.getByName(BALANCER), PORT));
            Thread acceptor = new Thread(() -> {
                while (!balancer.isClosed()) {
                    try (Socket connection = balancer.accept()) {
                        // a balancer without healthy backends yet: it accepts, then closes
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            acceptor.start();
            for (String node : new String[] {"master01", "node01"}) {
                StepResult result = lab.run(new CheckLoadBalancer(), node);
                assertThat(result.changed()).isFalse();
                assertThat(result.facts()).containsEntry("loadBalancer", "answers");
            }
        }
        assertThat(lab.run(new ResolveControlPlaneEndpoint(), "node01").facts()).containsEntry("endpointAddress", BALANCER);
        assertThat(lab.exec("node01", "getent hosts api.lab.example")).startsWith(BALANCER);
    }
}
