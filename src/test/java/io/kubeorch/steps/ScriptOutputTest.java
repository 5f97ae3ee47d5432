package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScriptOutputTest {

    @Test
    void changedLinesMakeTheStepChangedAndListWhatChanged() {
        ScriptOutput output = ScriptOutput.parse("Created symlink\nchanged: stopped firewalld\nchanged: disabled firewalld\n");

        assertThat(output.changed()).isTrue();
        assertThat(output.changes()).containsExactly("stopped firewalld", "disabled firewalld");
    }

    @Test
    void outputWithoutChangedLinesIsUnchanged() {
        assertThat(ScriptOutput.parse("fact: firewalld=inactive\nsome text\n").changed()).isFalse();
        assertThat(ScriptOutput.parse("").changed()).isFalse();
    }

    @Test
    void factsAreKeyValueWithEscapedLineBreaksAndBackslashes() {
        ScriptOutput output = ScriptOutput.parse(
                "fact: nodes=master01=Ready\\nnode01=NotReady\nfact: path=C:\\\\x\nfact: empty=\nfact: a=b=c\n");

        assertThat(output.facts()).containsEntry("nodes", "master01=Ready\nnode01=NotReady")
                .containsEntry("path", "C:\\x").containsEntry("empty", "").containsEntry("a", "b=c");
    }

    @Test
    void aLaterFactOfTheSameKeyWins() {
        assertThat(ScriptOutput.parse("fact: ready=false\nfact: ready=true\n").fact("ready")).isEqualTo("true");
    }

    @Test
    void linesThatOnlyLookLikeTheProtocolAreIgnored() {
        ScriptOutput output = ScriptOutput.parse("  changed: indented\nfact: novalue\nunchanged: x\n");

        assertThat(output.changed()).isFalse();
        assertThat(output.facts()).isEmpty();
    }

    @Test
    void aChangedStepResultListsItsChangesAsAFact() {
        StepResult result = ScriptStep.toResult(ScriptOutput.parse("changed: a\nchanged: b\nfact: k=v\n"));

        assertThat(result.changed()).isTrue();
        assertThat(result.facts()).containsEntry("changes", "a\nb").containsEntry("k", "v");
    }
}
