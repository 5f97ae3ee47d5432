package io.kubeorch.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The script output protocol of scripts/lib/common.sh, parsed in one place. */
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
    void theOutputOfACommandWhoseOutputIsSecretIsNeverParsed() {
        RemoteCommand secret = RemoteCommand.script("join-credentials.sh", "true").secretOutput().build();
        CommandResult result = new CommandResult(0, "changed: minted a token\nfact: token=abcdef.0123456789abcdef\n",
                "", Duration.ZERO);

        ScriptOutput output = ScriptOutput.of(secret, result);

        assertThat(output.changed()).isFalse();
        assertThat(output.facts()).isEmpty();
        assertThat(ScriptOutput.of(RemoteCommand.script("x.sh", "true").build(), result).changed()).isTrue();
    }

    @Test
    void withoutFactsKeepsTheTextAPersonReads() {
        assertThat(ScriptOutput.withoutFacts("Installing\nfact: k=v\nchanged: installed x\n"))
                .isEqualTo("Installing\nchanged: installed x");
    }
}
