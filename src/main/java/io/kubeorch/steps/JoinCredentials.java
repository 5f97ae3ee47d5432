package io.kubeorch.steps;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a node needs to join, read from {@code scripts/join-credentials.sh}'s secret output:
 * {@code join: kubeadm join <endpoint> --token <token> --discovery-token-ca-cert-hash sha256:<hash>}
 * and, for a control plane, {@code certificateKey: <64 hex>}. {@link #toString()} never shows the
 * token or the key; nothing here is ever logged or returned as a fact.
 */
record JoinCredentials(String endpoint, String token, String caCertHash, Optional<String> certificateKey) {

    static final Pattern TOKEN = Pattern.compile("[a-z0-9]{6}\\.[a-z0-9]{16}");
    private static final Pattern JOIN = Pattern.compile(
            "kubeadm join (?<endpoint>[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5})"
                    + "\\s+--token\\s+(?<token>[a-z0-9]{6}\\.[a-z0-9]{16})"
                    + "\\s+--discovery-token-ca-cert-hash\\s+(?<hash>sha256:[a-f0-9]{64})\\s*");
    private static final Pattern KEY = Pattern.compile("[a-f0-9]{64}");

    /**
     * Reads the script's output.
     *
     * @throws StepFailedException when it holds no valid join command, or no certificate key though
     *         one was asked for; the message never quotes the output
     */
    static JoinCredentials parse(String output, boolean controlPlane) {
        String joinLine = null;
        String key = null;
        for (String line : output.split("\r?\n")) {
            if (line.startsWith("join: ")) {
                joinLine = line.substring("join: ".length());
            } else if (line.startsWith("certificateKey: ")) {
                key = line.substring("certificateKey: ".length()).strip();
            }
        }
        if (joinLine == null) {
            throw new StepFailedException("kubeadm token create --print-join-command printed no join command"
                    + " (its output is not shown: it may hold a secret). Check kubeadm on the first control plane.");
        }
        Matcher join = JOIN.matcher(joinLine.strip() + " ");
        if (!join.matches()) {
            throw new StepFailedException("kubeadm token create --print-join-command printed a join command"
                    + " kubeorch cannot read (it is not shown: it holds the token). Expected"
                    + " 'kubeadm join <host:port> --token <token> --discovery-token-ca-cert-hash sha256:<hash>'.");
        }
        if (controlPlane && (key == null || !KEY.matcher(key).matches())) {
            throw new StepFailedException("kubeadm init phase upload-certs --upload-certs printed no certificate"
                    + " key (64 hex digits) on the first control plane; a control plane cannot join without it.");
        }
        return new JoinCredentials(join.group("endpoint"), join.group("token"), join.group("hash"),
                controlPlane ? Optional.of(key) : Optional.empty());
    }

    @Override
    public String toString() {
        return "JoinCredentials[endpoint=" + endpoint + ", token=*****, caCertHash=" + caCertHash
                + ", certificateKey=" + (certificateKey.isPresent() ? "*****" : "none") + "]";
    }
}
