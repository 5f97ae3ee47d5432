package io.kubeorch.web;

@InstallsOnH2
class InstallOnH2Test extends InstallScenarios {

    @Override
    String labPrefix() {
        return "127.0.41";
    }
}
