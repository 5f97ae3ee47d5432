package io.kubeorch.engine;

import static io.kubeorch.engine.ScriptedSteps.needsDecision;
import static io.kubeorch.engine.ScriptedSteps.reports;
import static io.kubeorch.engine.ScriptedSteps.unreachable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kubeorch.cluster.ClusterChanges;
import io.kubeorch.cluster.ClusterNotFoundException;
import io.kubeorch.cluster.ClusterQueries;
import io.kubeorch.cluster.ClusterState;
import io.kubeorch.cluster.ClusterView;
import io.kubeorch.cluster.OperationApprovals;
import io.kubeorch.cluster.OperationKind;
import io.kubeorch.cluster.OperationQueries;
import io.kubeorch.cluster.OperationView;
import io.kubeorch.history.OperationHistory;
import io.kubeorch.history.OperationSummary;
import io.kubeorch.install.Approvals;
import io.kubeorch.install.HostLocks;
import io.kubeorch.install.HostsBusyException;
import io.kubeorch.install.InstallStarter;
import io.kubeorch.install.InstallState;
import io.kubeorch.inventory.InvalidInventoryException;
import io.kubeorch.inventory.InventoryError;
import io.kubeorch.model.ErrorCodes;
import io.kubeorch.model.Processes;
import io.kubeorch.model.Variables;
import io.kubeorch.steps.StepResult;
import io.kubeorch.testing.DocumentedInventories;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Every path of the day-2 processes (adding nodes, removing one, tearing a cluster down) in
 * seconds, as {@link InstallPathsTest} does the install's: the real engine, models, glue and
 * operation records on an in-memory database, steps replaced by scripted doubles, jobs and steps
 * run on the test's thread. The last test checks that together they took every flow of these models.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "spring.datasource.url=jdbc:h2:mem:cluster-paths;DB_CLOSE_DELAY=-1",
        "kubeorch.admin.password=path-test-password",
        "camunda.bpm.job-execution.enabled=false",
        "kubeorch.steps.enabled=false",
        "kubeorch.install.retry-cycle=R2/PT1S"})
@Import(PathTestConfiguration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPathsTest {

    static final String OPERATOR = "operator1";
    static final List<String> ADDRESSES = List.of("192.168.1.1", "192.168.1.2", "192.168.1.3", "192.168.1.4",
            "192.168.1.11", "192.168.1.12", "192.168.1.13", "192.168.1.14", "192.168.1.21");

    @TempDir
    static Path keys;
    static String guide;
    static String highlyAvailable;

    @Autowired
    ProcessEngine engine;
    @Autowired
    InstallStarter installs;
    @Autowired
    Approvals installApprovals;
    @Autowired
    ClusterChanges changes;
    @Autowired
    ClusterQueries clusters;
    @Autowired
    OperationQueries operations;
    @Autowired
    OperationApprovals approvals;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    RepositoryService repository;
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
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OperationHistory operationHistory;

    ProcessDriver driver;

    @BeforeAll
    static void writeInventories() {
        String[] added = ADDRESSES.toArray(String[]::new);
        guide = DocumentedInventories.read("example-inventory.yaml", keys, added);
        highlyAvailable = DocumentedInventories.read("example-ha-inventory.yaml", keys, added);
    }

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        steps.reset();
        driver = new ProcessDriver(management, externalTasks, worker);
    }

    /** Each test's clusters share addresses: end what a test left waiting, and forget its clusters. */
    @AfterEach
    void endLeftovers() {
        ClockUtil.reset();
        for (String key : Processes.OPERATIONS) {
            runtime.createProcessInstanceQuery().processDefinitionKey(key).list()
                    .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "the path test is over"));
        }
        jdbc.update("UPDATE cluster SET state = 'REMOVED'");
    }

    // ---------------------------------------------------------------- known clusters

    @Test
    void aCompletedInstallMakesItsClusterKnownWithItsInventory() {
        String install = installs.start(guide.replace("name: guide", "name: installed"), OPERATOR);
        driver.drive();
        installApprovals.approve(install, true, null);
        driver.drive();

        ClusterView cluster = clusters.find("installed").orElseThrow();
        assertThat(cluster.state()).isEqualTo(ClusterState.ACTIVE);
        assertThat(cluster.installedBy()).isEqualTo(install);
        assertThat(cluster.nodes()).extracting(ClusterView.NodeView::name).containsExactly("master01", "node01", "node02");
        assertThat(cluster.endpoint()).isEqualTo("192.168.1.1:6443");
        assertThat(cluster.operations()).extracting(OperationQueries.Summary::id).containsExactly(install);
        assertThat(clusters.all()).extracting(ClusterView.Summary::name).contains("installed");
        assertThat(operations.find(install).orElseThrow()).satisfies(view -> {
            assertThat(view.kind()).isEqualTo(OperationKind.INSTALL);
            assertThat(view.state()).isEqualTo(InstallState.COMPLETED);
        });
    }

    @Test
    void aClusterWhoseInstallHasNotCompletedIsNotKnown() {
        String install = installs.start(guide.replace("name: guide", "name: unfinished"), OPERATOR);
        driver.drive();

        assertThat(clusters.find("unfinished")).isEmpty();
        assertThatThrownBy(() -> changes.tearDown("unfinished", OPERATOR)).isInstanceOf(ClusterNotFoundException.class)
                .hasMessageContaining("a cluster becomes known when its install completes");
        assertThat(install).isNotBlank();
    }

    // ---------------------------------------------------------------- adding nodes

    @Test
    void addedWorkersArePreparedLikeAnInstallsAndJoinAfterTheApprovalAndEveryHostsFileNamesThem() {
        known("grow", guide);
        List<String> hostsFilesList = new CopyOnWriteArrayList<>();
        steps.always("writeHostsFile", context -> {
            hostsFilesList.add(context.node().name() + ":" + context.inventory().nodes().size());
            return new StepResult(true, Map.of());
        });
        String id = changes.addNodes("grow", workers("node03", "192.168.1.13", "node04", "192.168.1.14"), OPERATOR);
        assertThat(hostLocks.heldBy(id)).contains("192.168.1.1", "192.168.1.13", "192.168.1.14");
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.WAITING_FOR_APPROVAL);
        assertThat(view(id).message()).contains("Approve the nodes to join");
        assertThat(steps.runs()).contains("checkHostRequirements@node03", "checkHostRequirements@master01",
                "disableFirewall@node03", "configureKubelet@node04", "configureApiServerProxy@node04")
                .doesNotContain("disableFirewall@node01", "joinNode@node03");
        assertThat(variable(id, Variables.ADDITION_PLAN)).contains("node03 192.168.1.13 [worker]")
                .contains("After: 5 nodes, 1 control plane");
        assertThat(variable(id, Variables.HOST_SUMMARY)).contains("node04");

        approvals.approve(id, true, "two more workers");
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.COMPLETED);
        assertThat(steps.runs()).contains("joinNode@node03", "joinNode@node04", "checkClusterReady@master01")
                .containsSubsequence("writeHostsFile@master01", "joinNode@node03")
                .containsSubsequence("writeHostsFile@node02", "joinNode@node04");
        assertThat(hostsFilesList).as("every node's hosts file, the cluster's nodes before and the new ones")
                .containsExactlyInAnyOrder("node03:5", "node04:5", "master01:5", "node01:5", "node02:5", "node03:5",
                        "node04:5");
        assertThat(clusters.find("grow").orElseThrow().nodes()).extracting(ClusterView.NodeView::name)
                .containsExactly("master01", "node01", "node02", "node03", "node04");
        assertThat(hostLocks.heldBy(id)).isEmpty();
        assertThat(clusters.find("grow").orElseThrow().operations()).extracting(OperationQueries.Summary::kind)
                .containsExactly(OperationKind.ADD_NODES);
    }

    @Test
    void anAddedControlPlaneJoinsBeforeTheWorkersAndEveryNodesEndpointIsBroughtUpToDate() {
        known("ha-grow", highlyAvailable);
        List<String> controlPlanesSeen = new CopyOnWriteArrayList<>();
        steps.always("configureApiServerProxy", context -> {
            controlPlanesSeen.add(context.node().name() + ":" + context.inventory().controlPlanes().size());
            return new StepResult(false, Map.of());
        });
        String id = changes.addNodes("ha-grow", """
                nodes:
                  - {name: master04, address: 192.168.1.4, roles: [control-plane]}
                  - {name: node03, address: 192.168.1.13, roles: [worker]}
                """, OPERATOR);
        driver.drive();
        assertThat(variable(id, Variables.ADDITION_PLAN)).contains("one at a time").contains("4 control planes");
        approvals.approve(id, true, null);
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.COMPLETED);
        List<String> runs = steps.runs();
        int join = runs.indexOf("joinNode@master04");
        assertThat(join).isPositive();
        for (String node : List.of("master01", "master02", "master03", "master04", "node01", "node02")) {
            assertThat(runs.lastIndexOf("resolveControlPlaneEndpoint@" + node)).as(node + " brought up to date")
                    .isGreaterThan(join).isLessThan(runs.indexOf("joinNode@node03"));
        }
        assertThat(controlPlanesSeen).as("every proxy lists the four control planes").allMatch(seen -> seen.endsWith(":4"))
                .contains("node01:4");
    }

    @Test
    void theHistoryListsDayTwoOperationsWithTheirKindAndWhoApproved() {
        known("history-grow", guide);
        String id = changes.addNodes("history-grow", """
                nodes:
                  - {name: node03, address: 192.168.1.13, roles: [worker]}
                """, OPERATOR);
        driver.drive();
        approvals.approve(id, true, "one more worker");
        driver.drive();

        OperationSummary listed = operationHistory.list(Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(60), 100)
                .stream().filter(operation -> operation.id().equals(id)).findFirst().orElseThrow();
        assertThat(listed.kind()).isEqualTo("add-nodes");
        assertThat(listed.cluster()).isEqualTo("history-grow");
        assertThat(listed.state()).isEqualTo("completed");
        assertThat(listed.startedBy()).isEqualTo(OPERATOR);
        assertThat(operationHistory.timeline(id)).isPresent();
    }

    @Test
    void aRerunOfTheSameAdditionRunsTheStepsAgainAndAddsNothing() {
        known("rerun", guide);
        String body = workers("node03", "192.168.1.13");
        String first = approvedAddition("rerun", body);
        assertThat(view(first).state()).isEqualTo(InstallState.COMPLETED);
        String inventory = clusters.find("rerun").orElseThrow().inventory();
        steps.reset();

        String rerun = approvedAddition("rerun", body);

        assertThat(view(rerun).state()).isEqualTo(InstallState.COMPLETED);
        assertThat(steps.runs()).contains("disableFirewall@node03", "joinNode@node03");
        assertThat(clusters.find("rerun").orElseThrow().inventory()).isEqualTo(inventory);
        assertThat(variable(rerun, Variables.ADDITION_PLAN)).contains("Already in the cluster");
    }

    @Test
    void unfitNewHostsWaitForADecisionARetryChecksAgainAndAbortingChangesNothing() {
        known("unfit", guide);
        steps.next("checkHostRequirements", needsDecision(ErrorCodes.HOST_UNFIT, "node03 has 1 CPU"));
        String retried = changes.addNodes("unfit", workers("node03", "192.168.1.13"), OPERATOR);
        driver.drive();
        assertThat(view(retried).state()).isEqualTo(InstallState.WAITING_FOR_DECISION);
        assertThat(view(retried).message()).contains("node03 has 1 CPU");
        approvals.decide(retried, "retry", "added a CPU");
        driver.drive();
        assertThat(view(retried).state()).isEqualTo(InstallState.WAITING_FOR_APPROVAL);
        runtime.deleteProcessInstance(view(retried).processInstanceId(), "next case");

        steps.reset();
        steps.next("checkHostRequirements", needsDecision(ErrorCodes.HOST_UNFIT, "node03 has 1 CPU"));
        String aborted = changes.addNodes("unfit", workers("node03", "192.168.1.13"), OPERATOR);
        driver.drive();
        assertThatThrownBy(() -> approvals.decide(aborted, "reset", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("choose one of retry, abort");
        approvals.decide(aborted, "abort", "too small");
        driver.drive();

        assertThat(view(aborted).state()).isEqualTo(InstallState.ABORTED);
        assertThat(steps.runs()).allMatch(run -> run.startsWith("checkHostRequirements@"));
        assertThat(clusters.find("unfit").orElseThrow().nodes()).hasSize(3);
    }

    @Test
    void aRejectedAdditionJoinsNothingAndOneNotApprovedInTimeEnds() {
        known("undecided", guide);
        String rejected = changes.addNodes("undecided", workers("node03", "192.168.1.13"), OPERATOR);
        driver.drive();
        approvals.approve(rejected, false, "not today");
        driver.drive();
        assertThat(view(rejected).state()).isEqualTo(InstallState.REJECTED);

        String expired = changes.addNodes("undecided", workers("node03", "192.168.1.13"), OPERATOR);
        driver.drive();
        driver.passTime(Duration.parse(policy.getApprovalTimeout()).plusMinutes(1));
        assertThat(view(expired).state()).isEqualTo(InstallState.APPROVAL_EXPIRED);

        assertThat(steps.runs()).noneMatch(run -> run.startsWith("joinNode"));
        assertThat(clusters.find("undecided").orElseThrow().nodes()).hasSize(3);
    }

    @Test
    void addedNodesNotReadyInTimeWaitForADecisionToKeepWaitingOrToAbort() {
        known("slow", guide);
        for (String decision : List.of("retry", "abort")) {
            steps.reset();
            steps.always("checkClusterReady", reports(Map.of(Variables.READY, "false", "nodes", "node03=NotReady")));
            String id = approvedAddition("slow", workers("node03", "192.168.1.13"));
            assertThat(process(id)).isWaitingAt("waitBeforeNextNodesCheck");
            driver.passTime(Duration.parse(policy.getReadinessPollInterval()).plusSeconds(1));
            assertThat(steps.runs()).filteredOn(run -> run.startsWith("checkClusterReady")).hasSizeGreaterThan(1);
            driver.passTime(Duration.parse(policy.getReadinessTimeout()));
            assertThat(view(id).state()).isEqualTo(InstallState.WAITING_FOR_DECISION);
            assertThat(clusters.find("slow").orElseThrow().nodes()).as("joined, so recorded").hasSize(4);

            steps.reset();
            approvals.decide(id, decision, null);
            driver.drive();
            assertThat(view(id).state()).isEqualTo(decision.equals("retry") ? InstallState.COMPLETED : InstallState.ABORTED);
            ClockUtil.reset();
        }
    }

    @Test
    void anAdditionIsCheckedAgainstTheClusterBeforeAnythingIsRecorded() {
        known("checked", guide);
        known("neighbour", guide.replace("address: 192.168.1.1\n", "address: 192.168.1.11\n")
                .replace("address: 192.168.1.2\n", "address: 192.168.1.12\n")
                .replace("address: 192.168.1.3\n", "address: 192.168.1.21\n"));
        int before = operations.recent(1000).size();

        assertThat(errors(() -> changes.addNodes("checked", "nodes: [{name: node01, address: 192.168.1.13,"
                + " roles: [worker]}]", OPERATOR))).singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("nodes[0].name");
                    assertThat(error.message()).contains("is a node of cluster checked already, at 192.168.1.2");
                });
        assertThat(errors(() -> changes.addNodes("checked", workers("node03", "192.168.1.2"), OPERATOR)))
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("nodes[0].address");
                    assertThat(error.message()).contains("is already used by the cluster's node (node01)");
                });
        assertThat(errors(() -> changes.addNodes("checked", workers("node03", "192.168.1.21"), OPERATOR)))
                .singleElement().satisfies(error -> assertThat(error.message()).contains("of cluster neighbour"));
        assertThat(errors(() -> changes.addNodes("checked", "nodes: [{name: master02, address: 192.168.1.4,"
                + " roles: [control-plane]}]", OPERATOR))).singleElement()
                .satisfies(error -> assertThat(error.message()).contains("no control-plane endpoint"));
        assertThat(errors(() -> changes.addNodes("checked", "nodes: [{name: node03, address: 192.168.1.13,"
                + " role: worker}]\nextra: 1", OPERATOR))).extracting(InventoryError::field)
                .containsExactlyInAnyOrder("extra", "nodes[0].role", "nodes[0].roles");
        assertThat(errors(() -> changes.addNodes("checked", "nodes: [{name: Node_03, address: 192.168.1.13,"
                + " roles: [master]}]", OPERATOR))).extracting(InventoryError::field)
                .containsExactlyInAnyOrder("nodes[0].name", "nodes[0].roles[0]");
        assertThat(errors(() -> changes.addNodes("checked", "", OPERATOR))).extracting(InventoryError::field)
                .containsExactly("(document)");
        assertThatThrownBy(() -> changes.addNodes("nowhere", workers("node03", "192.168.1.13"), OPERATOR))
                .isInstanceOf(ClusterNotFoundException.class);
        jdbc.update("UPDATE cluster SET state = 'REMOVED', removed_at = CURRENT_TIMESTAMP WHERE name = 'neighbour'");
        assertThatThrownBy(() -> changes.addNodes("neighbour", workers("node03", "192.168.1.13"), OPERATOR))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("was torn down");

        assertThat(operations.recent(1000)).hasSize(before);
        assertThat(steps.runs()).isEmpty();
    }

    @Test
    void anOperationOnHostsARunningOneHoldsIsRefused() {
        known("busy", guide);
        String running = changes.addNodes("busy", workers("node03", "192.168.1.13"), OPERATOR);
        driver.drive();

        assertThatThrownBy(() -> changes.removeNode("busy", "node01", "operator2")).isInstanceOf(HostsBusyException.class)
                .hasMessageContaining("day-2 operation " + running).hasMessageContaining("still running");
        assertThatThrownBy(() -> installs.start(guide, "operator2")).isInstanceOf(HostsBusyException.class)
                .hasMessageContaining(running);

        runtime.deleteProcessInstance(view(running).processInstanceId(), "cancelled in Cockpit", true);
        assertThat(hostLocks.heldBy(running)).as("no end listener ran").isNotEmpty();
        assertThat(hostLocks.releaseEnded()).isEqualTo(1);
        assertThat(view(running).state()).isEqualTo(InstallState.CANCELLED);
    }

    // ---------------------------------------------------------------- removing a node

    @Test
    void aRemovedWorkerIsDrainedDeletedAndResetAndLeavesTheRecordBeforeItsReset() {
        known("shrink", guide);
        List<String> resetSees = new ArrayList<>();
        steps.always("resetNode", context -> {
            resetSees.add(clusters.find("shrink").orElseThrow().nodes().size() + " recorded, "
                    + context.inventory().nodes().size() + " in its inventory");
            return new StepResult(true, Map.of());
        });
        String id = changes.removeNode("shrink", "node02", OPERATOR);
        assertThat(hostLocks.heldBy(id)).containsExactly("192.168.1.1", "192.168.1.2", "192.168.1.3");
        driver.drive();
        assertThat(view(id).state()).isEqualTo(InstallState.WAITING_FOR_APPROVAL);
        assertThat(variable(id, Variables.REMOVAL_PLAN)).contains("drain it").contains("reset the host")
                .contains("node02 leaves its /etc/hosts").doesNotContain("etcd member");
        assertThat(steps.runs()).containsExactly("checkEtcdQuorum@node02");

        approvals.approve(id, true, "host is being replaced");
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.COMPLETED);
        assertThat(steps.runs()).containsSubsequence("snapshotEtcd@node02", "drainNode@node02", "deleteNode@node02",
                "removeEtcdMember@node02", "writeHostsFile@master01", "resetNode@node02")
                .containsSubsequence("deleteNode@node02", "writeHostsFile@node01", "resetNode@node02")
                .doesNotContain("writeHostsFile@node02");
        assertThat(resetSees).containsExactly("2 recorded, 3 in its inventory");
        assertThat(clusters.find("shrink").orElseThrow().nodes()).extracting(ClusterView.NodeView::name)
                .containsExactly("master01", "node01");
        assertThat(hostLocks.heldBy(id)).isEmpty();
    }

    @Test
    void aRemovedControlPlanesPeersArePointedAtTheControlPlanesThatRemain() {
        known("ha-shrink", highlyAvailable);
        List<String> proxies = new CopyOnWriteArrayList<>();
        steps.always("configureApiServerProxy", context -> {
            proxies.add(context.node().name() + ":" + context.inventory().controlPlanes().stream()
                    .map(node -> node.name()).toList());
            return new StepResult(true, Map.of());
        });
        String id = changes.removeNode("ha-shrink", "master01", OPERATOR);
        driver.drive();
        assertThat(variable(id, Variables.ETCD_STATUS)).contains("etcd keeps its quorum");
        assertThat(variable(id, Variables.REMOVAL_PLAN)).contains("etcd snapshot").contains("remove its etcd member")
                .contains("master02, master03");
        approvals.approve(id, true, null);
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.COMPLETED);
        List<String> runs = steps.runs();
        assertThat(runs).containsSubsequence("checkEtcdQuorum@master01", "snapshotEtcd@master01", "drainNode@master01",
                "deleteNode@master01", "removeEtcdMember@master01", "resolveControlPlaneEndpoint@node01",
                "resetNode@master01");
        assertThat(proxies).containsExactlyInAnyOrder("master02:[master02, master03]", "master03:[master02, master03]",
                "node01:[master02, master03]", "node02:[master02, master03]");
        assertThat(clusters.find("ha-shrink").orElseThrow().nodes()).extracting(ClusterView.NodeView::name)
                .containsExactly("master02", "master03", "node01", "node02");
    }

    @Test
    void aRemovalThatWouldCostEtcdItsQuorumIsRefusedBeforeAnyChange() {
        known("quorum", highlyAvailable);
        steps.next("checkEtcdQuorum", needsDecision(ErrorCodes.ETCD_QUORUM_AT_RISK,
                "removing master02 is refused: etcd would lose quorum"));
        String id = changes.removeNode("quorum", "master02", OPERATOR);
        driver.drive();

        OperationView refused = view(id);
        assertThat(refused.state()).isEqualTo(InstallState.REFUSED);
        assertThat(refused.message()).contains("etcd would lose quorum");
        assertThat(steps.runs()).containsExactly("checkEtcdQuorum@master02");
        assertThat(hostLocks.heldBy(id)).isEmpty();
        assertThat(clusters.find("quorum").orElseThrow().nodes()).hasSize(5);
    }

    @Test
    void aRemovalNamesExactlyOneNodeOfTheClusterAndNeverItsLastControlPlane() {
        known("one", guide);
        assertThatThrownBy(() -> changes.removeNode("one", null, OPERATOR)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name exactly one node");
        assertThatThrownBy(() -> changes.removeNode("one", " ", OPERATOR)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> changes.removeNode("one", "node09", OPERATOR)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no node 'node09'").hasMessageContaining("master01, node01, node02");
        assertThatThrownBy(() -> changes.removeNode("one", "master01", OPERATOR)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only control plane of cluster one");
        assertThat(steps.runs()).isEmpty();
        assertThat(clusters.find("one").orElseThrow().operations()).isEmpty();
    }

    @Test
    void aFailedDrainWaitsForADecisionToDrainAgainOrToUncordonAndAbort() {
        known("drain", guide);
        for (String decision : List.of("retry", "abort")) {
            steps.reset();
            steps.next("drainNode", needsDecision(ErrorCodes.DRAIN_FAILED,
                    "node01 was not drained: default/web: no controller would recreate it"));
            String id = changes.removeNode("drain", "node01", OPERATOR);
            driver.drive();
            approvals.approve(id, true, null);
            driver.drive();
            assertThat(view(id).state()).isEqualTo(InstallState.WAITING_FOR_DECISION);
            assertThat(view(id).message()).contains("default/web");

            approvals.decide(id, decision, null);
            driver.drive();

            if (decision.equals("retry")) {
                assertThat(view(id).state()).isEqualTo(InstallState.COMPLETED);
                assertThat(steps.runs()).filteredOn(run -> run.startsWith("drainNode")).hasSize(2);
            } else {
                assertThat(view(id).state()).isEqualTo(InstallState.ABORTED);
                assertThat(steps.runs()).contains("uncordonNode@node01").doesNotContain("deleteNode@node01");
            }
            jdbc.update("UPDATE cluster SET inventory = ? WHERE name = 'drain'", guide.replace("name: guide", "name: drain"));
        }
    }

    @Test
    void aRemovedNodesHostOutOfReachThroughItsResetsRetriesWaitsForADecisionToResetAgainOrLeaveIt() {
        known("gone", guide);
        ScriptedSteps.Outcome unreachable = unreachable("node02", "cannot reach 192.168.1.3:22: connection refused");
        for (String decision : List.of("retry", "skip")) {
            steps.reset();
            steps.next("resetNode", unreachable, unreachable); // every run of the cycle (R2)
            String id = changes.removeNode("gone", "node02", OPERATOR);
            driver.drive();
            approvals.approve(id, true, null);
            driver.drive();

            assertThat(view(id).state()).isEqualTo(InstallState.WAITING_FOR_DECISION);
            assertThat(view(id).message()).contains("node02").contains("connection refused");
            assertThat(view(id).incidents()).isEmpty();
            assertThat(clusters.find("gone").orElseThrow().nodes()).extracting(ClusterView.NodeView::name)
                    .as("the node left the cluster before its reset").containsExactly("master01", "node01");
            assertThat(hostLocks.heldBy(id)).as("held while an operator decides").isNotEmpty();

            approvals.decide(id, decision, null);
            driver.drive();

            assertThat(view(id).state()).isEqualTo(InstallState.COMPLETED);
            assertThat(steps.runs()).filteredOn(run -> run.startsWith("resetNode"))
                    .hasSize(decision.equals("retry") ? 3 : 2);
            assertThat(hostLocks.heldBy(id)).isEmpty();
            jdbc.update("UPDATE cluster SET inventory = ? WHERE name = 'gone'", guide.replace("name: guide", "name: gone"));
        }
    }

    @Test
    void aHostOutOfReachAtAStepThatDoesNotAskForADecisionIsAnIncident() {
        known("unreached", guide);
        steps.always("drainNode", unreachable("master01", "cannot reach 192.168.1.1:22: no route to host"));
        String id = changes.removeNode("unreached", "node02", OPERATOR);
        driver.drive();
        approvals.approve(id, true, null);
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.FAILED);
        assertThat(view(id).incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.step()).isEqualTo("drainNode");
            assertThat(incident.message()).contains("no route to host");
        });
        runtime.deleteProcessInstance(view(id).processInstanceId(), "the test is over");
    }

    @Test
    void aRejectedRemovalAndOneNotApprovedInTimeChangeNothing() {
        known("kept", guide);
        String rejected = changes.removeNode("kept", "node01", OPERATOR);
        driver.drive();
        approvals.approve(rejected, false, "wrong node");
        driver.drive();
        assertThat(view(rejected).state()).isEqualTo(InstallState.REJECTED);

        String expired = changes.removeNode("kept", "node01", OPERATOR);
        driver.drive();
        driver.passTime(Duration.parse(policy.getApprovalTimeout()).plusMinutes(1));
        assertThat(view(expired).state()).isEqualTo(InstallState.APPROVAL_EXPIRED);

        assertThat(steps.runs()).containsOnly("checkEtcdQuorum@node01");
        assertThat(clusters.find("kept").orElseThrow().nodes()).hasSize(3);
    }

    // ---------------------------------------------------------------- tearing down

    @Test
    void aTeardownResetsTheWorkersThenTheControlPlanesOneAtATimeAndKeepsTheHistory() {
        known("doomed", highlyAvailable);
        String id = changes.tearDown("doomed", OPERATOR);
        driver.drive();
        assertThat(variable(id, Variables.TEARDOWN_PLAN)).contains("cluster doomed").contains("master01 192.168.1.1")
                .contains("node02 192.168.1.12").contains("etcd snapshot");
        assertThat(steps.runs()).isEmpty();

        approvals.approve(id, true, "decommissioned");
        driver.drive();

        assertThat(view(id).state()).isEqualTo(InstallState.COMPLETED);
        List<String> runs = steps.runs();
        assertThat(runs.get(0)).isEqualTo("snapshotEtcd@master01");
        assertThat(runs.subList(1, 3)).containsExactlyInAnyOrder("resetNode@node01", "resetNode@node02");
        assertThat(runs.subList(3, runs.size())).containsExactly("resetNode@master01", "resetNode@master02",
                "resetNode@master03");
        ClusterView cluster = clusters.find("doomed").orElseThrow();
        assertThat(cluster.state()).isEqualTo(ClusterState.REMOVED);
        assertThat(cluster.removedAt()).isNotNull();
        assertThat(cluster.operations()).extracting(OperationQueries.Summary::kind).containsExactly(OperationKind.TEARDOWN);
        assertThatThrownBy(() -> changes.tearDown("doomed", OPERATOR)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRejectedTeardownAndOneNotApprovedInTimeResetNothing() {
        known("spared", guide);
        String rejected = changes.tearDown("spared", OPERATOR);
        driver.drive();
        assertThatThrownBy(() -> approvals.decide(rejected, "retry", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not wait for a decision");
        approvals.approve(rejected, false, "wrong cluster");
        driver.drive();
        assertThat(view(rejected).state()).isEqualTo(InstallState.REJECTED);

        String expired = changes.tearDown("spared", OPERATOR);
        driver.drive();
        driver.passTime(Duration.parse(policy.getApprovalTimeout()).plusMinutes(1));
        assertThat(view(expired).state()).isEqualTo(InstallState.APPROVAL_EXPIRED);

        assertThat(steps.runs()).isEmpty();
        assertThat(clusters.find("spared").orElseThrow().state()).isEqualTo(ClusterState.ACTIVE);
        assertThatThrownBy(() -> approvals.approve(expired, true, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void togetherThesePathsTakeEveryFlowOfTheDayTwoModels() {
        TakenFlows.assertEveryFlowTaken(repository, TakenFlows.CLUSTER_PATHS);
    }

    // ---------------------------------------------------------------- helpers

    /** A cluster kubeorch knows, as a completed install would have recorded it. */
    private void known(String name, String inventory) {
        String yaml = inventory.replace("name: guide", "name: " + name).replace("name: production", "name: " + name);
        jdbc.update("DELETE FROM cluster WHERE name = ?", name);
        jdbc.update("INSERT INTO cluster (name, state, inventory, installed_by, created_at, updated_at)"
                + " VALUES (?, 'ACTIVE', ?, 'fixture', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", name, yaml);
    }

    private static String workers(String... nameAddressPairs) {
        StringBuilder body = new StringBuilder("{\"nodes\": [");
        for (int i = 0; i < nameAddressPairs.length; i += 2) {
            body.append(i == 0 ? "" : ", ").append("{\"name\": \"").append(nameAddressPairs[i])
                    .append("\", \"address\": \"").append(nameAddressPairs[i + 1]).append("\", \"roles\": [\"worker\"]}");
        }
        return body.append("]}").toString();
    }

    private String approvedAddition(String cluster, String body) {
        String id = changes.addNodes(cluster, body, OPERATOR);
        driver.drive();
        approvals.approve(id, true, null);
        driver.drive();
        return id;
    }

    private static List<InventoryError> errors(Runnable request) {
        List<InventoryError> errors = new ArrayList<>();
        assertThatThrownBy(request::run).isInstanceOfSatisfying(InvalidInventoryException.class,
                e -> errors.addAll(e.errors()));
        return errors;
    }

    private OperationView view(String id) {
        return operations.find(id).orElseThrow();
    }

    private ProcessInstance process(String id) {
        return runtime.createProcessInstanceQuery().processInstanceId(view(id).processInstanceId()).singleResult();
    }

    private String variable(String id, String name) {
        HistoricProcessInstance root = history.createHistoricProcessInstanceQuery()
                .processInstanceId(view(id).processInstanceId()).singleResult();
        HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery()
                .processInstanceId(root.getId()).variableName(name).singleResult();
        assertThat(variable).as("variable " + name).isNotNull();
        return (String) variable.getValue();
    }
}
