package io.kubeorch.monitoring;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.kubeorch.install.InstallQueries;
import io.kubeorch.install.InstallState;
import io.kubeorch.model.Processes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Counts installs from the engine's own history events, next to the history it writes: started,
 * ended (by the state the install ended in, as the REST API shows it) and failed (a step's
 * failure became an incident). An event counts once its transaction committed, so a transaction
 * the engine rolls back and retries is not counted twice. Each instance counts what it ran.
 */
@Component
class InstallEvents extends AbstractCamundaConfiguration {

    /** Every state an install ends in, and {@code unknown} when it cannot be read. */
    static final String[] END_STATES = Stream.concat(
            Arrays.stream(InstallState.values()).filter(InstallState::ended).map(InstallState::label),
            Stream.of("unknown")).toArray(String[]::new);

    private static final Logger log = LoggerFactory.getLogger(InstallEvents.class);

    private final ObjectProvider<InstallQueries> installs;
    private final Readings readings;
    private final MeterRegistry registry;
    private final Counter started;
    private final Counter failed;
    private final Map<String, Counter> ended = new TreeMap<>();

    InstallEvents(ObjectProvider<InstallQueries> installs, Readings readings, MeterRegistry registry) {
        this.installs = installs;
        this.readings = readings;
        this.registry = registry;
        this.started = Counter.builder("kubeorch.installs.started").description("Installs started").register(registry);
        this.failed = Counter.builder("kubeorch.installs.failed")
                .description("Times a step of an install failed for good (retries spent or not retryable): an incident opened")
                .register(registry);
        for (String state : END_STATES) {
            ended.put(state, endedCounter(state));
        }
    }

    @Override
    public void preInit(SpringProcessEngineConfiguration configuration) {
        // not a bean of its own: the starter would add a HistoryEventHandler bean a second time
        configuration.getCustomHistoryEventHandlers().add(new HistoryEventHandler() {
            @Override
            public void handleEvent(HistoryEvent event) {
                count(event);
            }

            @Override
            public void handleEvents(List<HistoryEvent> events) {
                events.forEach(InstallEvents.this::count);
            }
        });
    }

    private void count(HistoryEvent event) {
        if (event instanceof HistoricProcessInstanceEventEntity instance
                && Processes.INSTALL.equals(instance.getProcessDefinitionKey())) {
            if (instance.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
                afterCommit(started::increment);
            } else if (instance.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
                String installId = instance.getBusinessKey();
                // the end state is read as the REST API reads it, once the end is committed
                afterCommit(() -> readings.later(() -> countEnd(installId)));
            }
        } else if (event instanceof HistoricIncidentEventEntity incident
                && incident.isEventOfType(HistoryEventTypes.INCIDENT_CREATE)
                && incident.getId() != null && incident.getId().equals(incident.getRootCauseIncidentId())) {
            // only where it arose: the engine echoes a node's incident on every calling process
            afterCommit(failed::increment);
        }
    }

    private void countEnd(String installId) {
        String state;
        try {
            state = installs.getObject().find(installId).map(view -> view.state().label()).orElse("unknown");
        } catch (RuntimeException e) {
            log.warn("cannot read how install {} ended; counted as unknown: {}", installId, e.toString());
            state = "unknown";
        }
        ended.computeIfAbsent(state, this::endedCounter).increment();
    }

    private Counter endedCounter(String state) {
        return Counter.builder("kubeorch.installs.ended").description("Installs that ended, by the state they ended in")
                .tag("outcome", state).register(registry);
    }

    private static void afterCommit(Runnable count) {
        CommandContext context = Context.getCommandContext();
        if (context == null) {
            count.run();
            return;
        }
        context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> count.run());
    }
}
