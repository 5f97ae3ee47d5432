package io.kubeorch.engine;

import io.kubeorch.ssh.CommandResult;
import io.kubeorch.ssh.HostConnector;
import io.kubeorch.ssh.RemoteCommand;
import io.kubeorch.ssh.RemoteHost;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** What the path tests put in place of hosts: scripted steps, and connections no step uses. */
@TestConfiguration(proxyBeanMethods = false)
class PathTestConfiguration {

    @Bean
    static ScriptedSteps scriptedSteps() {
        return new ScriptedSteps();
    }

    @Bean
    static TakenFlows takenFlows() {
        return new TakenFlows();
    }

    @Bean
    @Primary
    HostConnector noHosts() {
        return target -> new RemoteHost() {
            @Override
            public String nodeName() {
                return target.nodeName();
            }

            @Override
            public CommandResult run(RemoteCommand command) {
                throw new AssertionError("a path test ran " + command.describe() + " on " + target.nodeName());
            }

            @Override
            public void close() {
            }
        };
    }
}
