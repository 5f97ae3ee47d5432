package io.kubeorch.ssh;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;

/**
 * Verifies one connection's host key against a known_hosts file (OpenSSH format, hashed and
 * {@code [host]:port} entries included). An unknown host is accepted only with
 * accept-new, and then recorded; a changed key is always rejected. One instance per connection:
 * after a rejection, {@link #rejection()} says why and what to do, for the operator.
 */
final class HostKeyCheck implements HostKeyVerifier {

    private static final Logger log = LoggerFactory.getLogger(HostKeyCheck.class);
    /** Appends to known_hosts files are serialized: several nodes may be connected at once. */
    private static final Object APPEND_LOCK = new Object();

    private final String nodeName;
    private final Path knownHostsFile;
    private final boolean acceptNew;
    private Rejection rejection;

    /** Why a key was rejected (one line) and what the operator does about it. */
    record Rejection(String what, String fix) {
    }

    HostKeyCheck(String nodeName, Path knownHostsFile, boolean acceptNew) {
        this.nodeName = nodeName;
        this.knownHostsFile = knownHostsFile;
        this.acceptNew = acceptNew;
    }

    /**
     * Whether the file holds a key for the host at that port, under the name the check of a
     * connection looks it up by ({@code host}, or {@code [host]:port} off port 22; hashed or not).
     *
     * @throws IOException when the file cannot be read
     */
    static boolean knows(Path knownHostsFile, String host, int port) throws IOException {
        String entryHost = port == 22 ? host : "[" + host + "]:" + port;
        try (Reader reader = Files.newBufferedReader(knownHostsFile, StandardCharsets.UTF_8)) {
            for (KnownHostEntry entry : new OpenSSHKnownHosts(reader).entries()) {
                if (entry.getType() != null && entry.appliesTo(entryHost)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Why the last key was rejected, or null. */
    Rejection rejection() {
        return rejection;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        try {
            return knownHosts().verify(hostname, port, key);
        } catch (IOException e) {
            rejection = new Rejection("cannot read known_hosts file " + knownHostsFile + " (" + e.getMessage() + ")",
                    "Make the file readable for the user kubeorch runs as, then retry the step.");
            return false;
        }
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        try {
            return knownHosts().findExistingAlgorithms(hostname, port);
        } catch (IOException e) {
            return List.of();
        }
    }

    private OpenSSHKnownHosts knownHosts() throws IOException {
        try (Reader reader = Files.exists(knownHostsFile)
                ? Files.newBufferedReader(knownHostsFile, StandardCharsets.UTF_8) : new StringReader("")) {
            return new OpenSSHKnownHosts(reader) {
                @Override
                protected boolean hostKeyUnverifiableAction(String entryHost, PublicKey key) {
                    return unknownHost(entryHost, key);
                }

                @Override
                protected boolean hostKeyChangedAction(String entryHost, PublicKey key) {
                    rejection = new Rejection("HOST KEY CHANGED for " + entryHost, "known_hosts file "
                            + knownHostsFile + " expects " + expectedFingerprints(entries(), entryHost)
                            + " but the host presented " + Fingerprints.sha256(key) + ". Someone may be intercepting"
                            + " the connection, or the host was reinstalled. Check the key on the host (ssh-keygen -lf"
                            + " /etc/ssh/ssh_host_*_key.pub); if the change is expected, remove the old entry"
                            + " (ssh-keygen -R '" + entryHost + "' -f " + knownHostsFile + ") and retry the step."
                            + " accept-new never replaces a known key.");
                    return false;
                }
            };
        }
    }

    private boolean unknownHost(String entryHost, PublicKey key) {
        String presented = Fingerprints.sha256(key);
        if (!acceptNew) {
            rejection = new Rejection("host " + entryHost + " is not in known_hosts file " + knownHostsFile,
                    "It presented " + presented + ". Verify the key on the host (ssh-keygen -lf"
                    + " /etc/ssh/ssh_host_*_key.pub) and add it (ssh-keyscan -p PORT HOST >> " + knownHostsFile
                    + "), then retry the step; or set ssh.acceptNewHostKeys to trust it on first connect.");
            return false;
        }
        try {
            append(entryHost + " " + Fingerprints.keyText(key));
        } catch (IOException e) {
            rejection = new Rejection("the new host key " + presented + " of " + entryHost
                    + " could not be recorded in " + knownHostsFile + " (" + e.getMessage() + ")",
                    "accept-new is on, so kubeorch records a new host's key before it trusts it. Make the file"
                    + " (and its directory) writable for the user kubeorch runs as, then retry the step.");
            return false;
        }
        log.info("{}: accepted the new host key of {} ({}) and recorded it in {}", nodeName, entryHost, presented,
                knownHostsFile);
        return true;
    }

    private void append(String line) throws IOException {
        synchronized (APPEND_LOCK) {
            Path parent = knownHostsFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            String prefix = "";
            if (Files.exists(knownHostsFile) && Files.size(knownHostsFile) > 0) {
                byte[] content = Files.readAllBytes(knownHostsFile);
                prefix = content[content.length - 1] == '\n' ? "" : "\n";
            }
            Files.writeString(knownHostsFile, prefix + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static List<String> expectedFingerprints(List<KnownHostEntry> entries, String entryHost) {
        List<String> expected = new ArrayList<>();
        for (KnownHostEntry entry : entries) {
            try {
                if (entry.appliesTo(entryHost)) {
                    String fingerprint = fingerprintOf(entry.getLine());
                    if (fingerprint != null) {
                        expected.add(entry.getType() + " " + fingerprint);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // an entry we cannot read tells the operator nothing here
            }
        }
        return expected;
    }

    /** The fingerprint of a known_hosts line: {@code [@marker] hosts type base64 [comment]}. */
    private static String fingerprintOf(String line) {
        if (line == null) {
            return null;
        }
        String[] fields = line.trim().split("\\s+");
        int keyField = fields[0].startsWith("@") ? 3 : 2;
        if (fields.length <= keyField) {
            return null;
        }
        try {
            return Fingerprints.sha256(Base64.getDecoder().decode(fields[keyField]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
