package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import io.kubeorch.model.StepProperties;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * docs/steps.md's catalogue says what the code and the process model do: a row per step task of
 * processes/*.bpmn, its timeout the model's {@code timeout} property (the only source of a step's
 * timeout), its class the step bean of that name, its scripts the ones that class runs.
 */
class StepCatalogueTest {

    private static final Path CATALOGUE = Path.of("docs/steps.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private static AnnotationConfigApplicationContext beans;
    private static Map<String, NodeStep> steps;

    @BeforeAll
    static void scanSteps() {
        beans = new AnnotationConfigApplicationContext();
        beans.scan("io.kubeorch.steps");
        beans.refresh();
        steps = beans.getBeansOfType(NodeStep.class);
    }

    @AfterAll
    static void close() {
        beans.close();
    }

    @Test
    void everyStepHasOneTaskInTheModelAndOneRowInTheCatalogue() throws IOException {
        Map<String, Duration> modelled = modelledTimeouts();
        Map<String, Row> rows = catalogue();

        assertThat(modelled.keySet()).as("step tasks with a timeout in processes/*.bpmn")
                .containsExactlyInAnyOrderElementsOf(steps.keySet());
        assertThat(rows.keySet()).as("task ids in the catalogue of " + CATALOGUE)
                .containsExactlyInAnyOrderElementsOf(steps.keySet());
    }

    @Test
    void theCatalogueShowsTheTimeoutOfTheModel() throws IOException {
        Map<String, Duration> modelled = modelledTimeouts();
        Map<String, Row> rows = catalogue();

        SoftAssertions.assertSoftly(softly -> modelled.forEach((task, timeout) -> softly.assertThat(
                rows.containsKey(task) ? rows.get(task).timeout() : "(no row)")
                .as(task + ": the timeout column of " + CATALOGUE + " shows the model's " + timeout)
                .isEqualTo(shown(timeout))));
    }

    @Test
    void theCatalogueNamesEachStepsClassAndScripts() throws IOException {
        List<String> scriptFiles;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/scripts"))) {
            scriptFiles = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".sh"))
                    .sorted().toList();
        }
        List<String> named = new ArrayList<>();
        catalogue().forEach((task, row) -> {
            NodeStep step = steps.get(task);
            assertThat(step).as(task + " is a step bean").isNotNull();
            assertThat(step.getClass().getSimpleName()).as(task + "'s class").isEqualTo(row.className());
            if (step instanceof ScriptStep scriptStep) {
                assertThat(row.scripts()).as(task + "'s scripts").contains(scriptStep.script().fileName());
            }
            assertThat(scriptFiles).as(task + "'s scripts exist").containsAll(row.scripts());
            named.addAll(row.scripts());
        });
        assertThat(new TreeSet<>(named)).as("every step script has a row").containsExactlyElementsOf(scriptFiles);
    }

    /** {@code 2 min}, {@code 30 s}: how the catalogue writes a duration. */
    static String shown(Duration timeout) {
        return timeout.toSeconds() % 60 == 0 ? timeout.toMinutes() + " min" : timeout.toSeconds() + " s";
    }

    /** The {@code timeout} property of every step task, by task id: one step, one timeout, wherever a model runs it. */
    private static Map<String, Duration> modelledTimeouts() throws IOException {
        Map<String, Duration> timeouts = new LinkedHashMap<>();
        try (Stream<Path> models = Files.list(Path.of("processes"))) {
            for (Path model : models.filter(path -> path.toString().endsWith(".bpmn")).sorted().toList()) {
                for (Activity activity : Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(Activity.class)) {
                    String timeout = property(activity, StepProperties.TIMEOUT);
                    if (timeout != null) {
                        Duration modelled = Duration.parse(timeout.strip());
                        Duration previous = timeouts.put(activity.getId(), modelled);
                        assertThat(previous).as(activity.getId() + " has one timeout in every model").isIn(null, modelled);
                    }
                }
            }
        }
        return timeouts;
    }

    private static String property(Activity activity, String name) {
        ExtensionElements extensions = activity.getExtensionElements();
        if (extensions == null) {
            return null;
        }
        return extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(properties -> properties.getCamundaProperties().stream())
                .filter(property -> name.equals(property.getCamundaName()))
                .map(CamundaProperty::getCamundaValue)
                .findFirst().orElse(null);
    }

    private record Row(String className, List<String> scripts, String timeout) {
    }

    /** The rows of the "Catalogue" table, by task id (the first code span of its column). */
    private static Map<String, Row> catalogue() throws IOException {
        List<String> lines = Files.readAllLines(CATALOGUE);
        int heading = lines.indexOf("## Catalogue");
        assertThat(heading).as(CATALOGUE + " has a Catalogue section").isNotNegative();
        int header = heading + 1;
        while (!lines.get(header).startsWith("|")) {
            header++;
        }
        List<String> columns = cells(lines.get(header));
        int task = columns.indexOf("task id / bean");
        int className = columns.indexOf("class");
        int script = columns.indexOf("script");
        int timeout = columns.indexOf("timeout");
        assertThat(List.of(task, className, script, timeout)).as("catalogue columns " + columns).doesNotContain(-1);

        Map<String, Row> rows = new LinkedHashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> row = cells(lines.get(i));
            assertThat(row).as("line " + (i + 1) + " of " + CATALOGUE).hasSize(columns.size());
            String id = codeSpans(row.get(task)).get(0);
            List<String> scripts = codeSpans(row.get(script)).stream().filter(name -> name.endsWith(".sh")).toList();
            List<String> classes = codeSpans(row.get(className));
            assertThat(classes).as(id + "'s class").hasSize(1);
            Row previous = rows.put(id, new Row(classes.get(0), scripts, row.get(timeout)));
            assertThat(previous).as(id + " has one row").isNull();
        }
        return rows;
    }

    /** The cells of a table row; a {@code |} inside a code span (as in {@code ready=true|false}) is text. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (char c : line.strip().substring(1).toCharArray()) {
            if (c == '`') {
                code = !code;
            }
            if (c == '|' && !code) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }

    private static List<String> codeSpans(String cell) {
        List<String> spans = new ArrayList<>();
        Matcher matcher = CODE.matcher(cell);
        while (matcher.find()) {
            spans.add(matcher.group(1));
        }
        return spans;
    }
}
