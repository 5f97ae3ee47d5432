package io.kubeorch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeorch.model.DecisionTask;
import io.kubeorch.model.Roles;
import io.kubeorch.model.UserTasks;
import io.kubeorch.security.ApprovalPolicy;
import io.kubeorch.testing.DocumentedInventories;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Four-eyes is the engine's rule, so every client meets it: the operator who started an install
 * can neither take nor complete its approval or decisions, through {@code /engine-rest} (what
 * Tasklist calls too) or {@code /api}; several approvers must be different people.
 */
@KubeorchWebTest
class FourEyesTest {

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    ApprovalPolicy policy;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private String inventory;
    private String installId;

    @BeforeEach
    void people() {
        People.user(identity, "starter", Roles.OPERATORS);
        People.user(identity, "approver1", Roles.OPERATORS);
        People.user(identity, "approver2", Roles.OPERATORS);
        People.user(identity, "watcher", Roles.VIEWERS);
        inventory = DocumentedInventories.read("example-inventory.yaml", Path.of("target", "four-eyes-test-ssh"));
    }

    @AfterEach
    void endTheInstallAndRestoreThePolicy() {
        policy.setFourEyes(true);
        policy.setApprovers(1);
        if (installId != null) {
            runtime.createProcessInstanceQuery().processInstanceBusinessKey(installId).list()
                    .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "the four-eyes test is over"));
        }
    }

    @Test
    void theStarterCanNeitherTakeNorCompleteTheApprovalThroughAnyApi() throws Exception {
        Task approval = waitingAt(startedBy("starter"), UserTasks.APPROVE_INIT + "#multiInstanceBody");

        assertFourEyes(send("starter", "POST", "/engine-rest/task/" + approval.getId() + "/claim", "{\"userId\":\"starter\"}"));
        assertFourEyes(send("starter", "POST", "/engine-rest/task/" + approval.getId() + "/complete",
                "{\"variables\":{\"approved\":{\"value\":true,\"type\":\"Boolean\"}}}"));
        assertFourEyes(send("starter", "POST", "/engine-rest/task/" + approval.getId() + "/submit-form",
                "{\"variables\":{\"approved\":{\"value\":true,\"type\":\"Boolean\"}}}"));
        assertFourEyes(send("starter", "POST", "/api/installs/" + installId + "/approval", "{\"approved\":true}"));
        // handed to the starter by someone else, it still is not theirs to complete
        assertThat(send(KubeorchWebTest.ADMIN, KubeorchWebTest.ADMIN_PASSWORD, "POST",
                "/engine-rest/task/" + approval.getId() + "/assignee", "{\"userId\":\"starter\"}").statusCode())
                .isEqualTo(204);
        assertFourEyes(send("starter", "POST", "/engine-rest/task/" + approval.getId() + "/complete",
                "{\"variables\":{\"approved\":{\"value\":true,\"type\":\"Boolean\"}}}"));
        assertThat(send(KubeorchWebTest.ADMIN, KubeorchWebTest.ADMIN_PASSWORD, "POST",
                "/engine-rest/task/" + approval.getId() + "/assignee", "{\"userId\":null}").statusCode()).isEqualTo(204);

        assertThat(send("approver1", "POST", "/engine-rest/task/" + approval.getId() + "/claim",
                "{\"userId\":\"approver1\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> approved = send("approver1", "POST", "/engine-rest/task/" + approval.getId() + "/complete",
                "{\"variables\":{\"approved\":{\"value\":true,\"type\":\"Boolean\"}}}");

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(installId).taskDefinitionKey(UserTasks.APPROVE_INIT)
                .count()).isZero();
        assertThat(history.createUserOperationLogQuery().taskId(approval.getId())
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).singleResult().getUserId())
                .isEqualTo("approver1");
    }

    @Test
    void theStarterCannotDecideEither() throws Exception {
        waitingAt(startedBy("starter"), DecisionTask.UNFIT_HOSTS.taskId());

        assertFourEyes(send("starter", "POST", "/api/installs/" + installId + "/decision", "{\"decision\":\"abort\"}"));

        assertThat(send("approver1", "POST", "/api/installs/" + installId + "/decision",
                "{\"decision\":\"abort\",\"comment\":\"the hosts are too small\"}").statusCode()).isEqualTo(204);
    }

    @Test
    void severalApprovalsComeFromAsManyPeople() throws Exception {
        policy.setApprovers(2);
        waitingAt(startedBy("starter"), UserTasks.APPROVE_INIT + "#multiInstanceBody");

        assertThat(send("approver1", "POST", "/api/installs/" + installId + "/approval",
                "{\"approved\":true,\"comment\":\"first look\"}").statusCode()).isEqualTo(204);
        JsonNode waiting = json.readTree(send("watcher", "GET", "/api/installs/" + installId, null).body());
        assertThat(waiting.get("state").asText()).isEqualTo("waiting-for-approval");
        assertThat(waiting.get("message").asText()).contains("1 of 2").contains("approver1");

        HttpResponse<String> again = send("approver1", "POST", "/api/installs/" + installId + "/approval",
                "{\"approved\":true}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(403);
        assertThat(json.readTree(again.body()).get("message").asText()).contains("approver1 already approved")
                .contains("1 of 2");
        assertFourEyes(send("starter", "POST", "/api/installs/" + installId + "/approval", "{\"approved\":true}"));

        assertThat(send("approver2", "POST", "/api/installs/" + installId + "/approval",
                "{\"approved\":true,\"comment\":\"second look\"}").statusCode()).isEqualTo(204);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(installId).taskDefinitionKey(UserTasks.APPROVE_INIT)
                .count()).as("both approvals given").isZero();
        List<String> approvers = history.createUserOperationLogQuery().processInstanceId(processInstance())
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
                .map(UserOperationLogEntry::getUserId).distinct().toList();
        assertThat(approvers).containsExactlyInAnyOrder("approver1", "approver2");
    }

    @Test
    void theFirstRejectionOfSeveralEndsTheApproval() throws Exception {
        policy.setApprovers(2);
        waitingAt(startedBy("starter"), UserTasks.APPROVE_INIT + "#multiInstanceBody");

        assertThat(send("approver1", "POST", "/api/installs/" + installId + "/approval",
                "{\"approved\":false,\"comment\":\"not this week\"}").statusCode()).isEqualTo(204);

        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(installId).count()).as("no second approval").isZero();
        // (the install's first job still waits where it was: the job executor is off)
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstance())
                .activityId("installRejected").count()).isEqualTo(1);
    }

    @Test
    void aViewerCannotTakeTheApproval() throws Exception {
        Task approval = waitingAt(startedBy("starter"), UserTasks.APPROVE_INIT + "#multiInstanceBody");

        HttpResponse<String> claim = send("watcher", "POST", "/engine-rest/task/" + approval.getId() + "/claim",
                "{\"userId\":\"watcher\"}");

        assertThat(claim.statusCode()).as(claim.body()).isEqualTo(403);
        assertThat(json.readTree(claim.body()).get("message").asText()).doesNotContain("Four-eyes");
    }

    @Test
    void withFourEyesOffTheStarterMayApprove() throws Exception {
        policy.setFourEyes(false);
        waitingAt(startedBy("starter"), UserTasks.APPROVE_INIT + "#multiInstanceBody");

        assertThat(send("starter", "POST", "/api/installs/" + installId + "/approval", "{\"approved\":true}").statusCode())
                .isEqualTo(204);
    }

    private String startedBy(String user) throws Exception {
        HttpResponse<String> started = http.send(request(user, People.PASSWORD, "/api/installs")
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(inventory)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        installId = json.readTree(started.body()).get("id").asText();
        return installId;
    }

    /**
     * Moves the install to the task, as an operator can in Cockpit: the job executor is off in
     * these tests, so no step runs and the install's first job waits where it is.
     */
    private Task waitingAt(String id, String activity) {
        runtime.createProcessInstanceModification(processInstance()).startBeforeActivity(activity).execute();
        return tasks.createTaskQuery().processInstanceBusinessKey(id).singleResult();
    }

    private String processInstance() {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(installId).singleResult().getId();
    }

    private void assertFourEyes(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(json.readTree(response.body()).get("message").asText()).contains("Four-eyes")
                .contains("starter started this operation");
    }

    private HttpResponse<String> send(String user, String method, String path, String body) throws Exception {
        return send(user, People.PASSWORD, method, path, body);
    }

    private HttpResponse<String> send(String user, String password, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = request(user, password, path).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String user, String password, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
}
