package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** What kubectl drain's output says about the pods that would not move (kubectl 1.28's words). */
class DrainRefusalTest {

    @Test
    void podsWithoutAControllerAreNamedWithWhatKubeorchWillNotDo() {
        String output = """
                node/node03 cordoned
                error: unable to drain node "node03" due to error:cannot delete Pods declare no controller (use --force to override): default/standalone, default/debug, continuing command...
                There are pending nodes to be drained:
                 node03
                cannot delete Pods declare no controller (use --force to override): default/standalone, default/debug""";

        assertThat(DrainRefusal.pods(output)).containsOnlyKeys("default/standalone", "default/debug")
                .allSatisfy((pod, why) -> assertThat(why).contains("no controller would recreate it"));
    }

    @Test
    void evictionsADisruptionBudgetBlockedUntilTheTimeoutAreNamedWithTheBudget() {
        String output = """
                node/node03 already cordoned
                evicting pod default/web
                error when evicting pods/"web" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
                evicting pod kube-system/coredns-5dd5756b68-x2k4w
                pod/coredns-5dd5756b68-x2k4w evicted
                There are pending pods in node "node03" when an error occurred: [error when evicting pods/"web" -n "default": global timeout reached: 5s]
                pod/web
                error: unable to drain node "node03", aborting command...

                There are pending nodes to be drained:
                 node03
                error when evicting pods/"web" -n "default": global timeout reached: 5s""";

        assertThat(DrainRefusal.pods(output)).containsExactly(
                java.util.Map.entry("default/web", "its PodDisruptionBudget allows no disruption now"));
        assertThat(DrainRefusal.describe("node03", Duration.ofSeconds(5), output))
                .startsWith("node03 was not drained (kubectl drain, timeout 5 s); it stays cordoned.")
                .contains("\n  default/web: its PodDisruptionBudget allows no disruption now")
                .contains("abort uncordons node03");
    }

    @Test
    void podsThatNeverFinishedTerminatingAreNamedWithKubectlsWordsInEitherOfItsForms() {
        String output = """
                evicting pod default/cache
                pod/cache evicted
                There are pending pods in node "node04" when an error occurred: [error when waiting for pod "cache" in namespace "default" to terminate: global timeout reached: 5s]
                pod/cache
                error: unable to drain node "node04", aborting command...
                error when waiting for pod "cache" in namespace "default" to terminate: global timeout reached: 5s
                error when waiting for pod "batch" terminating: global timeout reached: 5s""";

        assertThat(DrainRefusal.pods(output)).containsExactly(
                java.util.Map.entry("default/cache", "it is still terminating: global timeout reached: 5s"),
                java.util.Map.entry("batch", "it is still terminating: global timeout reached: 5s"));
    }

    @Test
    void anOutputItCannotReadIsQuotedAsItIs() {
        assertThat(DrainRefusal.describe("node03", Duration.ofSeconds(30), "error: something else went wrong"))
                .contains("kubectl said:\nerror: something else went wrong");
    }
}
