package io.kubeorch.ssh;

import java.io.IOException;
import java.nio.file.Path;

import net.schmizz.sshj.Config;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.userauth.keyprovider.FileKeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyFormat;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyProviderUtil;

/**
 * Private key files as sshj reads them, for logging in and for the check when an install starts
 * alike: a key that check accepts is one the login can use.
 */
final class KeyFiles {

    private KeyFiles() {
    }

    /**
     * Reads the key now (sshj would otherwise read it at the first login).
     *
     * @throws IOException when it is not a key sshj can use: unknown format, broken, or encrypted
     */
    static KeyProvider load(Config config, Path file) throws IOException {
        KeyFormat format = KeyProviderUtil.detectKeyFileFormat(file.toFile());
        FileKeyProvider provider = Factory.Named.Util.create(config.getFileKeyProviderFactories(), format.toString());
        if (provider == null) {
            throw new IOException("not a private key file (format " + format + ")");
        }
        provider.init(file.toFile());
        provider.getPrivate();
        return provider;
    }
}
