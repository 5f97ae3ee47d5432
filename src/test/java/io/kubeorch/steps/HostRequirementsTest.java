package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostRequirementsTest {

    @Test
    void aGuideSizedControlPlaneIsFit() {
        assertThat(HostRequirements.problems(true, "openEuler", "24.03", "openEuler 24.03 (LTS)", 4, 7800)).isEmpty();
    }

    @Test
    void aControlPlaneWithOneCpuIsUnfitInKubeadmsWords() {
        assertThat(HostRequirements.problems(true, "openEuler", "24.03", "openEuler 24.03 (LTS)", 1, 7800))
                .containsExactly("[ERROR NumCPU]: the number of available CPUs 1 is less than the required 2");
    }

    @Test
    void aControlPlaneWithTooLittleMemoryIsUnfitInKubeadmsWords() {
        assertThat(HostRequirements.problems(true, "openEuler", "24.03", "openEuler 24.03 (LTS)", 2, 947))
                .containsExactly("[ERROR Mem]: the system RAM (947 MB) is less than the minimum 1700 MB");
    }

    @Test
    void aSmallWorkerIsFitBecauseJoinChecksNeitherCpusNorMemory() {
        assertThat(HostRequirements.problems(false, "openEuler", "24.03", "openEuler 24.03 (LTS)", 1, 900)).isEmpty();
    }

    @Test
    void anotherOperatingSystemIsUnfitForEveryRole() {
        assertThat(HostRequirements.problems(false, "openEuler", "22.03", "openEuler 22.03 (LTS-SP3)", 4, 8000))
                .singleElement().asString().contains("openEuler 22.03", "openEuler 24.03 only");
        assertThat(HostRequirements.problems(true, "ubuntu", "24.03", "Ubuntu 24.03", 4, 8000)).hasSize(1);
    }
}
