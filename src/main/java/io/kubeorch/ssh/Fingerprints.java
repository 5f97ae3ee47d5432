package io.kubeorch.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** Host key fingerprints and known_hosts key text, as OpenSSH shows them. */
final class Fingerprints {

    private Fingerprints() {
    }

    /** {@code SHA256:...}, the way {@code ssh-keygen -lf} and the ssh client print a key. */
    static String sha256(PublicKey key) {
        return sha256(blob(key));
    }

    /** The fingerprint of a key given in its wire format (the base64 part of a known_hosts line, decoded). */
    static String sha256(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** {@code ssh-ed25519 AAAA...}: the key as known_hosts and authorized_keys write it. */
    static String keyText(PublicKey key) {
        return KeyType.fromKey(key) + " " + Base64.getEncoder().encodeToString(blob(key));
    }

    private static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }
}
