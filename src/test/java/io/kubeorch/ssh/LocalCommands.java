package io.kubeorch.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs local programs for the test fixtures; a failure fails the test with the program's output. */
final class LocalCommands {

    private LocalCommands() {
    }

    static String run(String... command) {
        return runWithInput(null, command);
    }

    static String runWithInput(String input, String... command) {
        Result result = tryRun(input, command);
        if (result.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit " + result.exit() + ": "
                    + result.output());
        }
        return result.output();
    }

    static Result tryRun(String input, String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Result(int exit, String output) {
    }
}
