package io.kubeorch.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import io.kubeorch.lab.Lab;
import io.kubeorch.lab.LabOptions;

/** A lab of its own for a whole test class, in target/lab-CLASS, started afresh (a leftover one is taken down first). */
final class ClassLab {

    private ClassLab() {
    }

    static Lab start(String prefix, Class<?> testClass, UnaryOperator<LabOptions.Builder> options) {
        Lab.requireRoot();
        Path dir = Path.of("target", "lab-" + testClass.getSimpleName()).toAbsolutePath();
        Lab.run(List.of("down", "--dir", dir.toString()), null, Duration.ofMinutes(1));
        return Lab.start(options.apply(LabOptions.builder(prefix, dir)).build());
    }
}
