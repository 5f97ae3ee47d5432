package io.kubeorch.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every shell script kubeorch ships or runs in its lab passes shellcheck. */
class ScriptsAreShellcheckCleanTest {

    @Test
    void everyScriptPassesShellcheck() throws Exception {
        List<Path> scripts = new ArrayList<>(shellScripts(Path.of("src/main/resources/scripts")));
        scripts.addAll(shellScripts(Path.of("lab")));
        assertThat(scripts).as("scripts found").isNotEmpty();

        List<String> argv = new ArrayList<>(List.of("shellcheck", "--external-sources", "--format=gcc"));
        scripts.forEach(script -> argv.add(script.toString()));
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("shellcheck is not installed (apt-get install shellcheck): " + e.getMessage());
            return;
        }
        process.getOutputStream().close();
        String findings = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(findings).as("shellcheck findings in %d scripts", scripts.size()).isEmpty();
        assertThat(process.exitValue()).isZero();
    }

    /** Files ending in .sh, and files without an extension that start with a bash or sh shebang. */
    private static List<Path> shellScripts(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(ScriptsAreShellcheckCleanTest::isShellScript)
                    .sorted().toList();
        }
    }

    private static boolean isShellScript(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".sh")) {
            return true;
        }
        if (name.contains(".")) {
            return false;
        }
        try (var in = Files.newInputStream(file)) {
            String start = new String(in.readNBytes(64), StandardCharsets.UTF_8);
            return start.startsWith("#!/bin/bash") || start.startsWith("#!/usr/bin/env bash")
                    || start.startsWith("#!/bin/sh");
        } catch (IOException e) {
            return false;
        }
    }
}
