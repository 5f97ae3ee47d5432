package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** The process model delegates to steps by bean name: each bean is named like its BPMN task id. */
class StepBeansTest {

    @Test
    void everyStepIsABeanNamedLikeItsTaskId() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.scan("io.kubeorch.steps");
            context.refresh();
            Map<String, NodeStep> steps = context.getBeansOfType(NodeStep.class);

            assertThat(steps).containsOnlyKeys("checkHostRequirements", "disableFirewall", "disableSelinux",
                    "setHostname", "writeHostsFile", "configureKernelNetworking", "disableSwap",
                    "configureContainerdRepository", "installContainerd", "configureContainerd", "startContainerd",
                    "configureKubernetesRepository", "installKubernetesPackages", "configureKubelet", "pullImages",
                    "renderKubeadmConfig", "runPreflight", "initControlPlane", "installAdminKubeconfig", "joinNode",
                    "applyNetworkPlugin", "checkClusterReady", "resetNode", "resolveControlPlaneEndpoint",
                    "configureApiServerProxy", "writeKubeVipManifest", "checkLoadBalancer", "checkEtcdQuorum",
                    "snapshotEtcd", "drainNode", "uncordonNode", "deleteNode", "removeEtcdMember");
            steps.forEach((bean, step) -> assertThat(step.name()).isEqualTo(bean));
        }
    }
}
