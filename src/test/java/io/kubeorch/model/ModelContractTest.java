package io.kubeorch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every name in this package exists in the files operators deploy ({@code processes/}), and no
 * code outside this package spells one of them.
 */
class ModelContractTest {

    private static final Path MODELS = Path.of("processes");
    private static final Pattern DECISION_CONDITION = Pattern.compile("\\$\\{decision == '([a-z]+)'}");

    @Test
    void everyProcessKeyIsAProcessOfTheModels() {
        Set<String> processes = new HashSet<>();
        models().forEach(model -> model.getModelElementsByType(Process.class).forEach(p -> processes.add(p.getId())));
        assertThat(processes).containsAll(constants(Processes.class));
    }

    @Test
    void onlyTheInstallIsStartedByOperators() {
        models().forEach(model -> model.getModelElementsByType(Process.class).forEach(process ->
                assertThat(process.isCamundaStartableInTasklist()).as(process.getId())
                        .isEqualTo(process.getId().equals(Processes.INSTALL))));
    }

    @Test
    void everyFormIdIsAFormFile() {
        for (String form : constants(Forms.class)) {
            assertThat(form(form).get("id").asText()).isEqualTo(form);
        }
        for (DecisionTask task : DecisionTask.values()) {
            assertThat(form(task.formId()).get("id").asText()).isEqualTo(task.formId());
        }
    }

    @Test
    void theApprovalIsAUserTaskWithItsForm() {
        UserTask approval = install().getModelElementById(UserTasks.APPROVE_INIT);
        assertThat(approval).isNotNull();
        assertThat(approval.getCamundaFormRef()).isEqualTo(Forms.APPROVE_INIT);
    }

    @Test
    void everyUserTaskOfEveryProcessIsAnApprovalOrADecision() {
        models().forEach(model -> model.getModelElementsByType(UserTask.class).forEach(task ->
                assertThat(UserTasks.APPROVALS.contains(task.getId()) || DecisionTask.ofTask(task.getId()).isPresent())
                        .as(task.getId() + " is known to the code").isTrue()));
    }

    @Test
    void everyApprovalIsAUserTaskWithAFormAskingForIt() {
        for (String approval : UserTasks.APPROVALS) {
            List<UserTask> tasks = userTasks(approval);
            assertThat(tasks).as(approval).isNotEmpty();
            for (UserTask task : tasks) {
                List<String> keys = new ArrayList<>();
                form(task.getCamundaFormRef()).get("components").forEach(c -> keys.add(c.path("key").asText()));
                assertThat(keys).as(approval + "'s form").contains(Variables.APPROVED, Variables.APPROVAL_COMMENT);
            }
        }
    }

    @Test
    void everyUserTaskOfEveryModelIsOfferedToTheOperators() {
        models().forEach(model -> model.getModelElementsByType(UserTask.class).forEach(task ->
                assertThat(task.getCamundaCandidateGroupsList()).as(task.getId()).contains(Roles.OPERATORS)));
    }

    @ParameterizedTest
    @EnumSource(DecisionTask.class)
    void aDecisionOffersExactlyWhatItsGatewayCarriesOut(DecisionTask decision) {
        List<UserTask> tasks = userTasks(decision.taskId());
        assertThat(tasks).as(decision.taskId() + " is a task of a model").isNotEmpty();
        tasks.forEach(task -> aDecisionOffersExactlyWhatItsGatewayCarriesOut(decision, task));
    }

    private static void aDecisionOffersExactlyWhatItsGatewayCarriesOut(DecisionTask decision, UserTask task) {
        assertThat(task.getCamundaFormRef()).isEqualTo(decision.formId());

        assertThat(task.getOutgoing()).hasSize(1);
        FlowNode gateway = task.getOutgoing().iterator().next().getTarget();
        assertThat(gateway).isInstanceOf(ExclusiveGateway.class);
        List<String> carriedOut = new ArrayList<>();
        for (SequenceFlow flow : gateway.getOutgoing()) {
            ConditionExpression condition = flow.getConditionExpression();
            assertThat(condition).as(flow.getId() + " has a condition").isNotNull();
            Matcher choice = DECISION_CONDITION.matcher(condition.getTextContent().strip());
            assertThat(choice.matches()).as(flow.getId() + ": " + condition.getTextContent()).isTrue();
            carriedOut.add(choice.group(1));
        }
        assertThat(carriedOut).containsExactlyInAnyOrderElementsOf(decision.choices());

        List<String> offered = new ArrayList<>();
        for (JsonNode component : form(decision.formId()).get("components")) {
            if (Variables.DECISION.equals(component.path("key").asText())) {
                component.get("values").forEach(value -> offered.add(value.get("value").asText()));
            }
        }
        assertThat(offered).containsExactlyElementsOf(decision.choices());
    }

    @Test
    void everyErrorCodeIsCaughtByAnOperation() {
        Set<String> caught = new HashSet<>();
        models().forEach(model -> {
            for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
                boundary.getEventDefinitions().stream().filter(ErrorEventDefinition.class::isInstance)
                        .map(definition -> ((ErrorEventDefinition) definition).getError())
                        .map(Error::getErrorCode).forEach(caught::add);
            }
        });
        assertThat(caught).containsExactlyInAnyOrderElementsOf(constants(ErrorCodes.class));
    }

    @Test
    void everyVariableIsUsedByAModelOrAForm() {
        Set<String> used = new HashSet<>();
        models().forEach(model -> collectNames(model.getDocument().getRootElement(), used));
        forms().forEach(form -> form.get("components").forEach(c -> {
            used.add(c.path("key").asText());
            collectFormNames(c, used);
        }));
        assertThat(used).containsAll(constants(Variables.class));
    }

    @Test
    void noCodeOutsideThisPackageSpellsAModelName() throws IOException {
        Set<String> names = new HashSet<>();
        for (Class<?> contract : List.of(Processes.class, Forms.class, UserTasks.class, ErrorCodes.class, Variables.class,
                Topics.class, StepProperties.class, Roles.class)) {
            names.addAll(constants(contract));
        }
        for (DecisionTask task : DecisionTask.values()) {
            names.add(task.taskId());
            names.add(task.formId());
        }
        List<String> spelled = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(Path.of("src/main/java/io/kubeorch/model"))).toList()) {
                // a null check's message names a Java parameter, not a model element
                String text = Files.readString(file).replaceAll("requireNonNull\\([^;]*;", "");
                names.stream().filter(name -> text.contains("\"" + name + "\"")).forEach(name -> spelled.add(file + ": " + name));
            }
        }
        assertThat(spelled).as("use the constants of io.kubeorch.model").isEmpty();
    }

    /** Identifiers a model reads or writes: expressions, mappings, loop variables, form keys, the initiator. */
    private static void collectNames(DomElement element, Set<String> names) {
        Matcher identifiers = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*").matcher("");
        for (String attribute : List.of("source", "target", "elementVariable", "initiator", "errorMessageVariable", "name",
                "collection")) {
            String value = element.getAttribute("http://camunda.org/schema/1.0/bpmn", attribute);
            if (value == null && (attribute.equals("source") || attribute.equals("target") || attribute.equals("name"))) {
                value = element.getAttribute(attribute);
            }
            if (value != null) {
                names.add(value);
            }
        }
        String text = element.getChildElements().isEmpty() ? element.getTextContent() : "";
        Matcher expression = Pattern.compile("\\$\\{([^}]*)}").matcher(text == null ? "" : text);
        while (expression.find()) {
            identifiers.reset(expression.group(1));
            while (identifiers.find()) {
                names.add(identifiers.group());
            }
        }
        element.getChildElements().forEach(child -> collectNames(child, names));
    }

    /** Identifiers a form component reads: in its FEEL condition and in the {@code {{templates}}} of its text. */
    private static void collectFormNames(JsonNode component, Set<String> names) {
        Matcher identifiers = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*").matcher(component.path("conditional").path("hide")
                .asText().replaceAll("\"[^\"]*\"", ""));
        while (identifiers.find()) {
            names.add(identifiers.group());
        }
        Matcher template = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}").matcher(component.path("text").asText());
        while (template.find()) {
            names.add(template.group(1));
        }
    }

    static Collection<String> constants(Class<?> contract) {
        List<String> values = new ArrayList<>();
        for (Field field : contract.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    values.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertThat(values).as(contract.getSimpleName()).isNotEmpty();
        return values;
    }

    /** The user tasks with this id, in every model that has one. */
    private static List<UserTask> userTasks(String id) {
        return models().stream().map(model -> (UserTask) model.getModelElementById(id)).filter(task -> task != null)
                .toList();
    }

    private static BpmnModelInstance install() {
        return Bpmn.readModelFromFile(MODELS.resolve(Processes.INSTALL + ".bpmn").toFile());
    }

    private static List<BpmnModelInstance> models() {
        return files(".bpmn").stream().map(path -> Bpmn.readModelFromFile(path.toFile())).toList();
    }

    private static List<JsonNode> forms() {
        return files(".form").stream().map(ModelContractTest::readJson).toList();
    }

    private static JsonNode form(String id) {
        return readJson(MODELS.resolve(id + ".form"));
    }

    private static List<Path> files(String suffix) {
        try (Stream<Path> files = Files.list(MODELS)) {
            return files.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(Path path) {
        try {
            return new ObjectMapper().readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
