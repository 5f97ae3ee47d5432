package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JoinCredentialsTest {

    static final String TOKEN = "m8tywn.9f3xegmdoa30d8v4";
    static final String HASH = "sha256:4ee5a244df12c803c78ba4bf55518d6c0f7ef84e655d4bce1cb40f8c967d60c2";
    static final String KEY = "a".repeat(32) + "0123456789abcdef0123456789abcdef";
    static final String JOIN = "join: kubeadm join 172.16.1.70:6443 --token " + TOKEN
            + " --discovery-token-ca-cert-hash " + HASH + " \n";

    @Test
    void readsEndpointTokenAndHashOfAPrintedJoinCommand() {
        JoinCredentials join = JoinCredentials.parse(JOIN, false);

        assertThat(join.endpoint()).isEqualTo("172.16.1.70:6443");
        assertThat(join.token()).isEqualTo(TOKEN);
        assertThat(join.caCertHash()).isEqualTo(HASH);
        assertThat(join.certificateKey()).isEmpty();
    }

    @Test
    void readsTheCertificateKeyForAControlPlane() {
        JoinCredentials join = JoinCredentials.parse(JOIN + "certificateKey: " + KEY + "\n", true);

        assertThat(join.certificateKey()).contains(KEY);
    }

    @Test
    void acceptsAHostNameEndpoint() {
        String line = JOIN.replace("172.16.1.70:6443", "api.cluster.example:8443");

        assertThat(JoinCredentials.parse(line, false).endpoint()).isEqualTo("api.cluster.example:8443");
    }

    @Test
    void neverShowsTheTokenOrKeyAsText() {
        JoinCredentials join = JoinCredentials.parse(JOIN + "certificateKey: " + KEY + "\n", true);

        assertThat(join.toString()).doesNotContain(TOKEN).doesNotContain(KEY).contains("172.16.1.70:6443");
    }

    @Test
    void rejectsAMalformedJoinCommandWithoutQuotingIt() {
        String broken = "join: kubeadm join 172.16.1.70:6443 --token " + TOKEN + " --discovery-token-ca-cert-hash md5:x\n";

        assertThatThrownBy(() -> JoinCredentials.parse(broken, false)).isInstanceOf(StepFailedException.class)
                .message().doesNotContain(TOKEN).contains("cannot read");
    }

    @Test
    void rejectsOutputWithoutAJoinCommand() {
        assertThatThrownBy(() -> JoinCredentials.parse("nothing\n", false)).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("printed no join command");
    }

    @Test
    void aControlPlaneWithoutCertificateKeyCannotJoin() {
        assertThatThrownBy(() -> JoinCredentials.parse(JOIN + "certificateKey: \n", true))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("certificate");
    }
}
