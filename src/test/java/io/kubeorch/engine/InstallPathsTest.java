package io.kubeorch.engine;

import static io.kubeorch.engine.ScriptedSteps.fails;
import static io.kubeorch.engine.ScriptedSteps.needsDecision;
import static io.kubeorch.engine.ScriptedSteps.reports;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.kubeorch.install.Approvals;
import io.kubeorch.install.HostLocks;
import io.kubeorch.install.HostsBusyException;
import io.kubeorch.install.InstallQueries;
import io.kubeorch.install.InstallStarter;
import io.kubeorch.install.InstallState;
import io.kubeorch.install.InstallView;
import io.kubeorch.install.Installs;
import io.kubeorch.model.ErrorCodes;
import io.kubeorch.model.Processes;
import io.kubeorch.model.Variables;
import io.kubeorch.ssh.SshException;
import io.kubeorch.ssh.SshFailure;
import io.kubeorch.steps.StepFailedException;
import io.kubeorch.steps.StepResult;
import io.kubeorch.testing.DocumentedInventories;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Every path of the install and its per-node processes, in seconds: the real engine, models and
 * glue on an in-memory database, steps replaced by scripted doubles, jobs run on the test's thread.
 * The lab scenarios stay the end-to-end proof; these carry the branches. The last test checks
 * that together they took every sequence flow of every model.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "spring.datasource.url=jdbc:h2:mem:install-paths;DB_CLOSE_DELAY=-1",
        "kubeorch.admin.password=path-test-password",
        "camunda.bpm.job-execution.enabled=false",
        "kubeorch.steps.enabled=false",
        "kubeorch.install.retry-cycle=R2/PT1S"})
@Import(PathTestConfiguration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallPathsTest {

    static final String OPERATOR = "operator1";

    @TempDir
    static Path keys;
    static String inventory;
    static String highlyAvailable;

    @Autowired
    ProcessEngine engine;
    @Autowired
    InstallStarter starter;
    @Autowired
    Approvals approvals;
    @Autowired
    InstallQueries queries;
    @Autowired
    Installs installs;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    RepositoryService repository;
    @Autowired
    IdentityService identity;
    @Autowired
    ScriptedSteps steps;
    @Autowired
    StepWorker worker;
    @Autowired
    HostLocks hostLocks;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    InstallPolicy policy;

    ProcessDriver driver;

    @BeforeAll
    static void writeInventories() {
        inventory = DocumentedInventories.read("example-inventory.yaml", keys);
        highlyAvailable = DocumentedInventories.read("example-ha-inventory.yaml", keys);
    }

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        steps.reset();
        driver = new ProcessDriver(management, externalTasks, worker);
    }

    /** Each test's install holds the same hosts: end what a test left waiting, which frees them. */
    @AfterEach
    void endLeftoverInstalls() {
        ClockUtil.reset();
        runtime.createProcessInstanceQuery().processDefinitionKey(Processes.INSTALL).list()
                .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "the path test is over"));
    }

    @Test
    void anApprovedInstallPreparesEveryNodeInitializesAndJoinsTheOthers() {
        Install install = start();
        String id = install.id();
        driver.drive();

        InstallView waiting = view(id);
        assertThat(waiting.state()).isEqualTo(InstallState.WAITING_FOR_APPROVAL);
        assertThat(waiting.nodes()).extracting(InstallView.NodeView::phase).containsOnly("prepared");
        assertThat(steps.runs()).contains("disableFirewall@master01", "disableFirewall@node01", "configureKubelet@node02",
                "checkHostRequirements@node02", "runPreflight@master01").doesNotContain("initControlPlane@master01");
        assertThat(variable(id, Variables.HOST_SUMMARY)).contains("node02").contains("osId=openEuler");

        approvals.approve(id, true, "go");
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.COMPLETED);
        assertThat(install.process()).isEnded().hasPassed("initControlPlane", "installAdminKubeconfig", "applyNetworkPlugin",
                "checkClusterReady", "installCompleted");
        assertThat(steps.runs()).contains("initControlPlane@master01", "joinNode@node01", "joinNode@node02")
                .doesNotContain("joinNode@master01", "resetNode@master01");
        assertThat(view(id).nodes()).extracting(InstallView.NodeView::phase).containsOnly("ready");
    }

    @Test
    void theFirstControlPlaneShowsItsStepThroughInitCalicoAndReadinessAndEveryNodeEndsReady() {
        Map<String, InstallView.NodeView> seen = new java.util.LinkedHashMap<>();
        for (String step : List.of("pullImages", "initControlPlane", "applyNetworkPlugin", "checkClusterReady")) {
            steps.next(step, context -> {
                // what an operator polling the install sees while the step runs on the host
                seen.put(step, view(context.installId()).nodes().get(0));
                return new StepResult(true, step.equals("checkClusterReady") ? Map.of(Variables.READY, "true")
                        : step.equals("initControlPlane") ? Map.of(Variables.CLUSTER_INITIALIZED, "now") : Map.of());
            });
        }
        steps.always("runPreflight", fails("runPreflight failed on master01: kubeadm exited with status 1."));
        Install install = start();
        String id = install.id();
        driver.drive();

        InstallView failed = view(id);
        assertThat(failed.incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.node()).as("the install's own steps run on the first control plane").isEqualTo("master01");
            assertThat(incident.step()).isEqualTo("runPreflight");
        });
        assertThat(failed.nodes().get(0)).satisfies(master -> {
            assertThat(master.phase()).isEqualTo("failed");
            assertThat(master.step()).isEqualTo("runPreflight");
        });
        steps.always("runPreflight", reports(Map.of(Variables.PREFLIGHT_WARNINGS, "", Variables.CLUSTER_INITIALIZED,
                "false")));
        retryIncidentsAsCockpitDoes();
        driver.drive();
        approvals.approve(id, true, null);
        driver.drive();

        assertThat(seen).hasSize(4);
        assertThat(seen.get("pullImages")).extracting(InstallView.NodeView::phase, InstallView.NodeView::step)
                .containsExactly("initializing", "pullImages");
        assertThat(seen.get("initControlPlane")).extracting(InstallView.NodeView::phase, InstallView.NodeView::step)
                .containsExactly("initializing", "initControlPlane");
        assertThat(seen.get("applyNetworkPlugin")).extracting(InstallView.NodeView::phase, InstallView.NodeView::step)
                .containsExactly("initialized", "applyNetworkPlugin");
        assertThat(seen.get("checkClusterReady")).extracting(InstallView.NodeView::phase, InstallView.NodeView::step)
                .containsExactly("initialized", "checkClusterReady");
        InstallView completed = view(id);
        assertThat(completed.state()).isEqualTo(InstallState.COMPLETED);
        assertThat(completed.nodes()).extracting(InstallView.NodeView::phase).containsOnly("ready");
    }

    @Test
    void aNodesProcessesCarryTheNodeInTheirBusinessKey() {
        Install install = start();
        String id = install.id();
        driver.drive();
        approvals.approve(id, true, null);
        driver.drive();

        assertThat(history.createHistoricProcessInstanceQuery().rootProcessInstanceId(install.process().getId()).list())
                .filteredOn(process -> !process.getId().equals(install.process().getId()))
                .extracting(process -> process.getProcessDefinitionKey() + " " + process.getBusinessKey())
                .contains(Processes.PREPARE_NODE + " " + id + ":master01", Processes.PREPARE_NODE + " " + id + ":node02",
                        Processes.JOIN_NODE + " " + id + ":node01");
    }

    @Test
    void controlPlanesJoinOneAtATimeThenPointAtThemselvesBeforeTheWorkersJoin() {
        String id = starter.start(highlyAvailable, OPERATOR);
        driver.drive();
        assertThat(variable(id, Variables.ENDPOINT_PLAN)).contains("production-api:6443").contains("local-proxy")
                .contains("master02 192.168.1.2");
        approvals.approve(id, true, null);
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.COMPLETED);
        List<String> runs = steps.runs();
        assertThat(runs).containsSubsequence("initControlPlane@master01", "resolveControlPlaneEndpoint@master02",
                "joinNode@master02", "resolveControlPlaneEndpoint@master03", "joinNode@master03");
        int lastControlPlaneJoin = runs.indexOf("joinNode@master03");
        for (String controlPlane : List.of("master01", "master02", "master03")) {
            assertThat(runs.lastIndexOf("resolveControlPlaneEndpoint@" + controlPlane)).as(controlPlane + " repointed")
                    .isGreaterThan(lastControlPlaneJoin).isLessThan(runs.indexOf("joinNode@node01"));
        }
        assertThat(runs).contains("configureApiServerProxy@node02", "writeKubeVipManifest@master01",
                "checkLoadBalancer@node01");
    }

    @Test
    void onlyTheFactsTheModelReadsBecomeProcessVariables() {
        Install install = start();
        String id = install.id();
        driver.drive();
        approvals.approve(id, true, null);
        driver.drive();

        Set<String> names = new TreeSet<>();
        history.createHistoricProcessInstanceQuery().rootProcessInstanceId(install.process().getId()).list().forEach(process ->
                history.createHistoricVariableInstanceQuery().processInstanceId(process.getId()).list()
                        .forEach(variable -> names.add(variable.getName())));
        assertThat(names).contains(Variables.KUBEADM_CONFIG, Variables.PREFLIGHT_WARNINGS, Variables.READY,
                Variables.HOST_SUMMARY).doesNotContain("unreadFact", "osId", "cpus", "changes");
    }

    @Test
    void anInstallStartedFromTheFormIsValidatedAndRecordedInItsFirstTask() {
        ProcessInstance started = startFromForm(inventory);
        driver.drive();

        String id = runtime.createProcessInstanceQuery().processInstanceId(started.getId()).singleResult().getBusinessKey();
        assertThat(installs.find(id)).hasValueSatisfying(install -> {
            assertThat(install.requestedBy()).isEqualTo(OPERATOR);
            assertThat(install.processInstanceId()).isEqualTo(started.getId());
        });
        assertThat(view(id).state()).isEqualTo(InstallState.WAITING_FOR_APPROVAL);
    }

    @Test
    void anInvalidInventoryFromTheFormEndsTheInstallBeforeAnyStep() {
        ProcessInstance started = startFromForm(inventory.replace("podSubnet: 10.244.0.0/16", "podSubnet: 10.244.0.0/33"));
        driver.drive();

        assertThat(started).isEnded().hasPassed("installInvalid");
        assertThat(historicVariable(started.getId(), Variables.DECISION_REASON)).contains("kubernetes.podSubnet");
        assertThat(steps.runs()).isEmpty();
    }

    @Test
    void unfitHostsWaitForADecisionAndARetryChecksThemAgain() {
        steps.next("checkHostRequirements", needsDecision(ErrorCodes.HOST_UNFIT, "node01 has 1 CPU"));
        Install install = start();
        String id = install.id();
        driver.drive();

        InstallView waiting = view(id);
        assertThat(waiting.state()).isEqualTo(InstallState.WAITING_FOR_DECISION);
        assertThat(waiting.message()).contains("node01 has 1 CPU");
        assertThat(steps.runs()).noneMatch(run -> run.startsWith("disableFirewall"));

        approvals.decide(id, "retry", "added a CPU");
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.WAITING_FOR_APPROVAL);
    }

    @Test
    void abortingOnUnfitHostsEndsTheInstallWithNoHostChanged() {
        steps.next("checkHostRequirements", needsDecision(ErrorCodes.HOST_UNFIT, "master01 has 1 CPU"));
        Install install = start();
        String id = install.id();
        driver.drive();

        approvals.decide(id, "abort", "too small");
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.ABORTED);
        assertThat(install.process()).isEnded().hasPassed("installAbortedOnUnfitHosts");
        assertThat(steps.runs()).allMatch(run -> run.startsWith("checkHostRequirements@"));
    }

    @Test
    void aDecisionRefusesAChoiceItsTaskCannotCarryOut() {
        steps.next("checkHostRequirements", needsDecision(ErrorCodes.HOST_UNFIT, "master01 has 1 CPU"));
        Install install = start();
        String id = install.id();
        driver.drive();

        assertThatThrownBy(() -> approvals.decide(id, "reset", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decision: 'reset'").hasMessageContaining("choose one of retry, abort");
        assertThat(view(id).state()).isEqualTo(InstallState.WAITING_FOR_DECISION);
    }

    @Test
    void aFailedPreflightRetriedAfterAFixGoesOnToTheApproval() {
        steps.next("runPreflight", needsDecision(ErrorCodes.PREFLIGHT_FAILED, "[ERROR Port-6443]: Port 6443 is in use"));
        Install install = start();
        String id = install.id();
        driver.drive();

        assertThat(view(id).message()).contains("Port 6443 is in use");
        approvals.decide(id, "retry", "stopped the old apiserver");
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.WAITING_FOR_APPROVAL);
        assertThat(steps.runs()).filteredOn(run -> run.startsWith("runPreflight")).hasSize(2);
    }

    @Test
    void aFailedPreflightCanResetTheFirstControlPlaneAndRunAgain() {
        steps.next("runPreflight", needsDecision(ErrorCodes.PREFLIGHT_FAILED, "[ERROR DirAvailable--etc-kubernetes-manifests]"));
        Install install = start();
        String id = install.id();
        driver.drive();

        approvals.decide(id, "reset", "leftovers of an old cluster");
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.WAITING_FOR_APPROVAL);
        List<String> runs = steps.runs();
        assertThat(runs).containsSubsequence("runPreflight@master01", "resetNode@master01", "runPreflight@master01");
    }

    @Test
    void abortingAFailedPreflightEndsTheInstallBeforeInit() {
        steps.next("runPreflight", needsDecision(ErrorCodes.PREFLIGHT_FAILED, "[ERROR Mem]"));
        Install install = start();
        String id = install.id();
        driver.drive();

        approvals.decide(id, "abort", null);
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.ABORTED);
        assertThat(install.process()).hasPassed("installAbortedOnFailedPreflight");
        assertThat(steps.runs()).doesNotContain("initControlPlane@master01");
    }

    @Test
    void aRejectedInstallEndsWithoutInit() {
        Install install = start();
        String id = install.id();
        driver.drive();

        approvals.approve(id, false, "not in this window");
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.REJECTED);
        assertThat(steps.runs()).doesNotContain("initControlPlane@master01");
    }

    @Test
    void anApprovalNotGivenInTimeEndsTheInstall() {
        Install install = start();
        String id = install.id();
        driver.drive();

        driver.passTime(Duration.parse(policy.getApprovalTimeout()).plusMinutes(1));

        assertThat(view(id).state()).isEqualTo(InstallState.APPROVAL_EXPIRED);
        assertThat(steps.runs()).doesNotContain("initControlPlane@master01");
    }

    @Test
    void aClusterNotReadyInTimeWaitsForADecisionAndCanKeepWaiting() {
        Install install = approvedInstallWhoseClusterStaysNotReady();
        String id = install.id();

        approvals.decide(id, "retry", "calico images were still pulling");
        steps.reset();
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.COMPLETED);
    }

    @Test
    void aClusterNotReadyInTimeCanBeAbandoned() {
        Install install = approvedInstallWhoseClusterStaysNotReady();
        String id = install.id();

        approvals.decide(id, "abort", "will look at it by hand");
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.ABORTED);
        assertThat(install.process()).hasPassed("installAbortedOnNotReadyCluster");
    }

    @Test
    void aTransientStepFailureIsRetriedAway() {
        steps.next("installContainerd", fails("dnf: Curl error (28): Timeout was reached"));
        Install install = start();
        String id = install.id();
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.WAITING_FOR_APPROVAL);
        assertThat(steps.runs()).filteredOn(run -> run.startsWith("installContainerd")).hasSize(4);
    }

    @Test
    void aStepThatKeepsFailingBecomesAnIncidentThatARetryResolves() {
        steps.always("installContainerd", context -> {
            if (context.node().name().equals("node01")) {
                throw new StepFailedException("installContainerd failed on node01: no match for containerd");
            }
            return new StepResult(true, Map.of());
        });
        Install install = start();
        String id = install.id();
        driver.drive();

        InstallView failed = view(id);
        assertThat(failed.state()).isEqualTo(InstallState.FAILED);
        assertThat(failed.incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.node()).isEqualTo("node01");
            assertThat(incident.step()).isEqualTo("installContainerd");
            assertThat(incident.message()).contains("no match for containerd");
        });
        assertThat(failed.nodes()).filteredOn(node -> !node.name().equals("node01"))
                .extracting(InstallView.NodeView::phase).containsOnly("prepared");

        steps.reset();
        retryIncidentsAsCockpitDoes();
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.WAITING_FOR_APPROVAL);
    }

    @Test
    void aCancelledInstallSaysWhoCancelledIt() {
        Install install = start();
        String id = install.id();
        driver.drive();

        runtime.deleteProcessInstance(installs.find(id).orElseThrow().processInstanceId(), "cancelled in Cockpit by admin");

        InstallView cancelled = view(id);
        assertThat(cancelled.state()).isEqualTo(InstallState.CANCELLED);
        assertThat(cancelled.message()).isEqualTo("cancelled in Cockpit by admin");
    }

    @Test
    void aFailureRetryingCannotFixIsAnIncidentAtOnce() {
        steps.always("disableFirewall", context -> {
            throw new SshException(context.node().name(), SshFailure.AUTHENTICATION_FAILED,
                    "the server refused key /keys/id for root", "add its public key to root's authorized_keys");
        });
        Install install = start();
        driver.drive();

        InstallView failed = view(install.id());
        assertThat(failed.state()).isEqualTo(InstallState.FAILED);
        assertThat(failed.incidents()).isNotEmpty().allSatisfy(incident ->
                assertThat(incident.message()).contains("add its public key"));
        assertThat(steps.runs()).filteredOn(run -> run.equals("disableFirewall@node01")).hasSize(1);
    }

    @Test
    void aSecondInstallOnHostsOfARunningOneIsRefusedUntilItEnds() {
        Install first = start();
        driver.drive();

        assertThatThrownBy(() -> starter.start(inventory, "operator2"))
                .isInstanceOf(HostsBusyException.class)
                .hasMessageContaining("192.168.1.1").hasMessageContaining("install " + first.id())
                .hasMessageContaining("cluster guide").hasMessageContaining("started by " + OPERATOR);
        assertThat(installs.recent(1000)).extracting(Installs.Summary::requestedBy)
                .as("a refused install started through the API is not recorded").doesNotContain("operator2");

        approvals.approve(first.id(), false, "not now");
        driver.drive();

        assertThat(hostLocks.heldBy(first.id())).isEmpty();
        Install second = start();
        assertThat(hostLocks.heldBy(second.id())).containsExactly("192.168.1.1", "192.168.1.2", "192.168.1.3");
    }

    @Test
    void anInstallStartedFromTheFormOnBusyHostsIsRefusedBeforeAnyStep() {
        Install first = start();
        driver.drive();
        int runsBefore = steps.runs().size();

        ProcessInstance refused = startFromForm(inventory);
        driver.drive();

        String id = history.createHistoricProcessInstanceQuery().processInstanceId(refused.getId()).singleResult()
                .getBusinessKey();
        InstallView view = view(id);
        assertThat(view.state()).isEqualTo(InstallState.REFUSED);
        assertThat(view.message()).contains("install " + first.id()).contains("still running");
        assertThat(steps.runs()).hasSize(runsBefore);
        assertThat(hostLocks.heldBy(first.id())).hasSize(3);
    }

    @Test
    void hostsOfAnInstallCancelledWithoutListenersAreFreedByTheSweep() {
        Install install = start();
        driver.drive();

        runtime.deleteProcessInstance(install.process().getId(), "cancelled in Cockpit", true);
        assertThat(hostLocks.heldBy(install.id())).as("no end listener ran").hasSize(3);

        assertThat(hostLocks.releaseEnded()).isEqualTo(1);
        assertThat(hostLocks.heldBy(install.id())).isEmpty();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void togetherThesePathsTakeEveryFlowOfTheInstallsModels() {
        TakenFlows.assertEveryFlowTaken(repository, TakenFlows.INSTALL_PATHS);
        TakenFlows.assertEveryProcessHasPathTests(repository);
    }

    private Install approvedInstallWhoseClusterStaysNotReady() {
        steps.always("checkClusterReady", reports(Map.of(Variables.READY, "false", "nodes", "node01=NotReady")));
        Install install = start();
        String id = install.id();
        driver.drive();
        approvals.approve(id, true, null);
        driver.drive();
        assertThat(install.process()).isWaitingAt("waitBeforeNextCheck");

        driver.passTime(Duration.parse(policy.getReadinessPollInterval()).plusSeconds(1));
        assertThat(steps.runs()).filteredOn(run -> run.startsWith("checkClusterReady")).hasSizeGreaterThan(1);
        driver.passTime(Duration.parse(policy.getReadinessTimeout()));

        InstallView waiting = view(id);
        assertThat(waiting.state()).isEqualTo(InstallState.WAITING_FOR_DECISION);
        assertThat(install.process()).isWaitingAt("decideOnNotReadyCluster");
        return install;
    }

    private void retryIncidentsAsCockpitDoes() {
        for (Job job : management.createJobQuery().noRetriesLeft().list()) {
            management.setJobRetries(job.getId(), 1);
        }
        externalTasks.createExternalTaskQuery().noRetriesLeft().list()
                .forEach(task -> externalTasks.setRetries(task.getId(), 1));
    }

    private ProcessInstance startFromForm(String inventoryYaml) {
        identity.setAuthentication(OPERATOR, List.of(Groups.CAMUNDA_ADMIN));
        try {
            return runtime.startProcessInstanceByKey(Processes.INSTALL, Map.of(Variables.INVENTORY_YAML, inventoryYaml));
        } finally {
            identity.clearAuthentication();
        }
    }

    private InstallView view(String id) {
        return queries.find(id).orElseThrow();
    }

    /** An install started through the REST API's path, with its process for bpm-assert (which reads an ended one's history). */
    private record Install(String id, ProcessInstance process) {
    }

    private Install start() {
        String id = starter.start(inventory, OPERATOR);
        return new Install(id, runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
                .processDefinitionKey(Processes.INSTALL).singleResult());
    }

    private String variable(String installId, String name) {
        return historicVariable(installs.find(installId).orElseThrow().processInstanceId(), name);
    }

    private String historicVariable(String processInstanceId, String name) {
        HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).singleResult();
        assertThat(variable).as("variable " + name).isNotNull();
        return (String) variable.getValue();
    }
}
