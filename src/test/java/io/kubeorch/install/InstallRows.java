package io.kubeorch.install;

/** Lets tests outside this package write install rows as {@link InstallStarter} does, without starting a process. */
public final class InstallRows {

    private InstallRows() {
    }

    public static void add(Installs installs, Installs.Install install) {
        installs.add(install);
    }
}
