package io.kubeorch.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks the guide by hand over SSH on a three-host lab (one control plane, two workers), steps 1
 * to 26 as corrected in steps.md, and ends with every node Ready and Calico's pods Running.
 */
class GuideWalkTest {

    private static GuideLab lab;

    @BeforeAll
    static void startLab() throws Exception {
        lab = GuideLab.start("127.0.21", 2);
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theCorrectedGuideBuildsAReadyCluster() throws Exception {
        GuideSteps steps = new GuideSteps(lab);
        String master = "master01";

        // A fresh host, as the guide finds it.
        assertThat(lab.run(master, "cat /etc/os-release").stdout()).contains("openEuler 24.03");
        assertThat(lab.run(master, "firewall-cmd --state").stdout()).isEqualTo("running\n");
        assertThat(lab.run(master, "getenforce").stdout()).isEqualTo("Enforcing\n");
        assertThat(lab.run(master, "swapon --show").stdout()).contains("partition");
        assertThat(lab.run(master, "kubeadm version").exit()).isEqualTo(127);

        // Steps 1-17 on every node, in parallel.
        lab.scriptOnAll(lab.nodes(), steps::prepareNode);
        for (String node : lab.nodes()) {
            assertThat(lab.run(node, "hostname").stdout()).isEqualTo(node + "\n");
            assertThat(lab.run(node, "systemctl is-active containerd").stdout()).isEqualTo("active\n");
            assertThat(lab.run(node, "systemctl is-enabled kubelet").stdout()).isEqualTo("enabled\n");
            assertThat(lab.run(node, "rpm -q kubeadm").stdout()).isEqualTo("kubeadm-1.28.2-150500.1.1.x86_64\n");
            assertThat(lab.run(node, "rpm -q conntrack-tools").exit()).isZero();
            assertThat(lab.run(node, "sysctl -n net.bridge.bridge-nf-call-iptables").stdout()).isEqualTo("1\n");
            assertThat(lab.run(node, "swapon --show").stdout()).isEmpty();
            // Until init or join the kubelet restarts in a loop: that is normal.
            assertThat(lab.run(node, "systemctl is-active kubelet").exit()).isNotZero();
        }

        // Steps 18-19 (20, the operator's approval, is the product's), 21, 22.
        GuideLab.Result images = lab.script(master, steps.pullImages());
        assertThat(images.stdout()).contains(lab.registry() + "/coredns:v1.10.1", "[config/images] Pulled");
        lab.script(master, steps.writeKubeadmConfig(GuideSteps.POD_SUBNET));
        GuideLab.Result init = lab.script(master, GuideSteps.INIT);
        assertThat(init.stdout()).contains("Your Kubernetes control-plane has initialized successfully!");
        assertThat(init.stderr()).doesNotContain("[WARNING");
        lab.script(master, GuideSteps.ADMIN_KUBECONFIG);

        // Step 23: the join command init printed, on every worker in parallel.
        String join = joinCommand(init.stdout());
        lab.scriptOnAll(lab.workers(), node -> join);
        String nodes = lab.run(master, "kubectl get nodes").stdout();
        assertThat(nodes).startsWith("NAME       STATUS     ROLES           AGE   VERSION\n").contains("NotReady");

        // Steps 24-26.
        GuideLab.Result calico = lab.script(master, steps.applyCalico(GuideSteps.POD_SUBNET));
        assertThat(calico.stdout()).contains("daemonset.apps/calico-node created", "deployment.apps/calico-kube-controllers created");
        awaitReady(master, Duration.ofSeconds(60));

        String pods = lab.run(master, "kubectl get pods -n kube-system").stdout();
        assertThat(pods.lines().filter(l -> l.startsWith("calico-node-") && l.contains("1/1") && l.contains("Running")))
                .hasSize(lab.nodes().size());
        assertThat(pods.lines().filter(l -> l.startsWith("calico-kube-controllers-") && l.contains("Running"))).hasSize(1);
        assertThat(pods.lines().filter(l -> l.startsWith("coredns-") && l.contains("Running"))).hasSize(2);
        for (String node : lab.nodes()) {
            assertThat(lab.run(master, "kubectl get node " + node
                    + " -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}'").stdout()).isEqualTo("True");
        }
    }

    static String joinCommand(String initOutput) {
        Matcher m = Pattern.compile("kubeadm join (\\S+) --token ([a-z0-9]{6}\\.[a-z0-9]{16}) \\\\\\n\\t"
                + "--discovery-token-ca-cert-hash (sha256:[a-f0-9]{64})").matcher(initOutput);
        assertThat(m.find()).as("join command in init's output").isTrue();
        return "kubeadm join " + m.group(1) + " --token " + m.group(2) + " --discovery-token-ca-cert-hash " + m.group(3);
    }

    private static void awaitReady(String master, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        String statuses = "";
        while (System.nanoTime() < end) {
            statuses = lab.run(master, "kubectl get nodes --no-headers").stdout();
            if (statuses.lines().count() == lab.nodes().size()
                    && statuses.lines().allMatch(l -> l.split("\\s+")[1].equals("Ready"))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("nodes not Ready within " + timeout + ":\n" + statuses);
    }
}
