package io.kubeorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class HostSummaryTest {

    private static Map<String, String> nodes(int count) {
        Map<String, String> lines = new TreeMap<>();
        lines.put("master01", "master01 10.0.0.1 [control-plane] cpus=2 memoryMb=4096 osId=openEuler osName=openEuler osVersion=24.03");
        for (int i = 1; i < count; i++) {
            String name = String.format("node%02d", i);
            lines.put(name, name + " 10.0.0." + (i + 1) + " [worker] cpus=2 memoryMb=4096 osId=openEuler osName=openEuler osVersion=24.03");
        }
        return lines;
    }

    @Test
    void aSmallClusterGetsALinePerNode() {
        assertThat(HostChecks.fitting(nodes(3)).lines()).hasSize(3).anyMatch(l -> l.startsWith("node02 10.0.0.3 [worker]"));
    }

    @Test
    void aLargeClusterIsGroupedByFactsAndFitsAStringVariable() {
        String summary = HostChecks.fitting(nodes(50));
        assertThat(summary.length()).isLessThanOrEqualTo(HostChecks.SUMMARY_LIMIT);
        assertThat(summary.lines()).hasSize(2).anyMatch(l -> l.startsWith("49 nodes [worker] cpus=2") && l.endsWith("node49"));
    }

    @Test
    void aHugeVariedClusterIsCutToTheLimit() {
        Map<String, String> lines = new TreeMap<>();
        for (int i = 0; i < 500; i++) {
            lines.put("n" + i, "n" + i + " 10.0.0.1 [worker] cpus=" + i);
        }
        assertThat(HostChecks.fitting(lines)).hasSizeLessThanOrEqualTo(HostChecks.SUMMARY_LIMIT).contains("(cut;");
    }
}
