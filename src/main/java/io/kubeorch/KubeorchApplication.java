package io.kubeorch;

import javax.xml.datatype.DatatypeFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class KubeorchApplication {

    public static void main(String[] args) {
        // The engine creates a DatatypeFactory for every job it creates (to read the retry cycle);
        // without this property each one searches the whole classpath for a provider, which in the
        // packaged jar cost CPU and a lock shared by all job threads (docs/benchmarks.md).
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY,
                    DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
        SpringApplication.run(KubeorchApplication.class, args);
    }
}
