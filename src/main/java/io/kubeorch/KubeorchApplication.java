package io.kubeorch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KubeorchApplication {

    public static void main(String[] args) {
        SpringApplication.run(KubeorchApplication.class, args);
    }
}
