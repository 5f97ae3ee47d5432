package io.kubeorch.ssh;

import net.schmizz.sshj.connection.channel.direct.Signal;

/** Linux signal numbers for the signals SSH reports by name, for the usual 128 + n exit status. */
final class SignalNumbers {

    private SignalNumbers() {
    }

    static int of(Signal signal) {
        return switch (signal) {
            case HUP -> 1;
            case INT -> 2;
            case QUIT -> 3;
            case ILL -> 4;
            case ABRT -> 6;
            case FPE -> 8;
            case KILL -> 9;
            case USR1 -> 10;
            case SEGV -> 11;
            case USR2 -> 12;
            case PIPE -> 13;
            case ALRM -> 14;
            case TERM -> 15;
            default -> 0;
        };
    }
}
