package io.kubeorch.steps;

import java.util.LinkedHashMap;
import java.util.Map;

import io.kubeorch.ssh.RemoteCommand;
import io.kubeorch.ssh.ScriptOutput;

/**
 * A step that runs one script on its node: the environment comes from {@link #environment}, the
 * result from the script's {@code changed:} and {@code fact:} lines (see {@link ScriptOutput}).
 * When it changed something, the fact {@code changes} lists what, one item a line.
 */
abstract class ScriptStep implements NodeStep {

    private final String name;
    private final Script script;

    protected ScriptStep(String name, String scriptFile) {
        this.name = name;
        this.script = Script.load(scriptFile);
    }

    @Override
    public String name() {
        return name;
    }

    Script script() {
        return script;
    }

    @Override
    public StepResult run(StepContext context) {
        RemoteCommand command = environment(context, script.command(context.timeout())).build();
        ScriptOutput output = script.run(name, context.host(), command);
        return result(context, output);
    }

    /** Adds the variables the script reads. */
    protected RemoteCommand.Builder environment(StepContext context, RemoteCommand.Builder command) {
        return command;
    }

    /** Turns the script's output into the step's result; may throw {@link DecisionRequiredException}. */
    protected StepResult result(StepContext context, ScriptOutput output) {
        return toResult(output);
    }

    static StepResult toResult(ScriptOutput output) {
        Map<String, String> facts = new LinkedHashMap<>(output.facts());
        if (output.changed()) {
            facts.put("changes", String.join("\n", output.changes()));
        }
        return new StepResult(output.changed(), facts);
    }
}
