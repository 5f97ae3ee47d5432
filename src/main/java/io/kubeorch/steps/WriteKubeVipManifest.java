package io.kubeorch.steps;

import java.util.Map;

import io.kubeorch.inventory.Inventory;
import io.kubeorch.inventory.Inventory.ControlPlaneEndpoint;
import io.kubeorch.inventory.Inventory.EndpointMode;
import io.kubeorch.ssh.RemoteCommand;
import org.springframework.stereotype.Component;

/**
 * kube-vip's static pod on a control plane (kube-vip mode): ARP, control plane only, leader
 * election on the Lease {@code plndr-cp-lock} with kube-vip's default timings (lease 5 s, renew
 * deadline 3 s, retry 1 s). It talks to its own API server through admin.conf, which is right on
 * Kubernetes 1.27 and 1.28; from 1.29 on, init needs super-admin.conf (kube-vip #684), so the
 * inventory refuses kube-vip there. Elsewhere it does nothing. Runs
 * {@code scripts/write-kube-vip-manifest.sh}.
 */
@Component("writeKubeVipManifest")
class WriteKubeVipManifest extends ScriptStep {

    static final int LEASE_DURATION_SECONDS = 5;
    static final int RENEW_DEADLINE_SECONDS = 3;
    static final int RETRY_PERIOD_SECONDS = 1;

    WriteKubeVipManifest() {
        super("writeKubeVipManifest", "write-kube-vip-manifest.sh");
    }

    @Override
    public StepResult run(StepContext context) {
        if (!context.inventory().endpointMode(EndpointMode.KUBE_VIP) || !context.node().isControlPlane()) {
            return new StepResult(false, Map.of("kubeVip", "not used on this node"));
        }
        return super.run(context);
    }

    @Override
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        return command.env("KUBE_VIP_MANIFEST", render(context.inventory()));
    }

    static String render(Inventory inventory) {
        ControlPlaneEndpoint endpoint = inventory.endpoint().orElseThrow();
        StringBuilder env = new StringBuilder();
        env(env, "vip_arp", "true");
        env(env, "port", Integer.toString(endpoint.port()));
        if (endpoint.vipInterface() != null) {
            env(env, "vip_interface", endpoint.vipInterface());
        }
        env(env, "vip_cidr", endpoint.vip().contains(":") ? "128" : "32");
        env(env, "cp_enable", "true");
        env(env, "cp_namespace", "kube-system");
        env(env, "vip_leaderelection", "true");
        env(env, "vip_leasename", "plndr-cp-lock");
        env(env, "vip_leaseduration", Integer.toString(LEASE_DURATION_SECONDS));
        env(env, "vip_renewdeadline", Integer.toString(RENEW_DEADLINE_SECONDS));
        env(env, "vip_retryperiod", Integer.toString(RETRY_PERIOD_SECONDS));
        env(env, "address", endpoint.vip());
        return "# Written by kubeorch: kube-vip holds " + endpoint.vip() + " (" + endpoint.name()
                + ") on one control plane at a time.\n"
                + "apiVersion: v1\n"
                + "kind: Pod\n"
                + "metadata:\n"
                + "  name: kube-vip\n"
                + "  namespace: kube-system\n"
                + "spec:\n"
                + "  containers:\n"
                + "  - name: kube-vip\n"
                + "    image: " + endpoint.kubeVipImage() + "\n"
                + "    imagePullPolicy: IfNotPresent\n"
                + "    args:\n"
                + "    - manager\n"
                + "    env:\n"
                + env
                + "    securityContext:\n"
                + "      capabilities:\n"
                + "        add:\n"
                + "        - NET_ADMIN\n"
                + "        - NET_RAW\n"
                + "    volumeMounts:\n"
                + "    - mountPath: /etc/kubernetes/admin.conf\n"
                + "      name: kubeconfig\n"
                + "  hostAliases:\n"
                + "  - hostnames:\n"
                + "    - kubernetes\n"
                + "    ip: 127.0.0.1\n"
                + "  hostNetwork: true\n"
                + "  volumes:\n"
                + "  - hostPath:\n"
                + "      path: /etc/kubernetes/admin.conf\n"
                + "    name: kubeconfig\n";
    }

    private static void env(StringBuilder env, String name, String value) {
        env.append("    - name: ").append(name).append('\n')
                .append("      value: \"").append(value).append("\"\n");
    }
}
