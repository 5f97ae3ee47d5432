package io.kubeorch.monitoring;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Values of the gauges that come from the database, read together and kept for a few seconds:
 * a scrape (or several Prometheus servers scraping) costs at most one round of cheap count
 * queries per {@link #MAX_AGE}. The queries run on a thread of their own, never on the scrape's
 * request thread: that thread carries the caller's Camunda authentication, which would filter
 * the counts by what the caller may see, and a database that does not answer must not hold the
 * scrape. When a round fails or takes longer than {@link #WAIT}, the gauges keep their last values
 * (readiness reports the database).
 */
@Component
class Readings {

    static final Duration MAX_AGE = Duration.ofSeconds(5);
    static final Duration WAIT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(Readings.class);

    private final Map<String, LongSupplier> queries = new ConcurrentHashMap<>();
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kubeorch-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Map<String, Long> values = Map.of();
    private long readAtNanos;
    private boolean read;
    private Future<Map<String, Long>> inFlight;

    /** Adds a count read in every round under {@code key}. */
    synchronized void add(String key, LongSupplier query) {
        queries.put(key, query);
        read = false; // the next value() reads it
    }

    /** The last value read for {@code key}, read again when older than {@link #MAX_AGE}; NaN before any. */
    double value(String key) {
        refreshIfOld();
        Long value = values.get(key);
        return value == null ? Double.NaN : value;
    }

    /** Runs {@code task} on the readings' thread, after any round in progress. */
    void later(Runnable task) {
        reader.execute(task);
    }

    private synchronized void refreshIfOld() {
        if (read && System.nanoTime() - readAtNanos < MAX_AGE.toNanos()) {
            return;
        }
        if (inFlight == null) {
            inFlight = reader.submit(this::readAll);
        }
        try {
            Map<String, Long> fresh = new HashMap<>(values);
            fresh.putAll(inFlight.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            values = Map.copyOf(fresh);
            inFlight = null;
        } catch (TimeoutException slow) {
            log.debug("gauge readings take longer than {}; the last values stand", WAIT);
        } catch (ExecutionException e) {
            inFlight = null;
            log.warn("cannot read the gauges: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a failed or slow round is not retried by every gauge of the same scrape
        read = true;
        readAtNanos = System.nanoTime();
    }

    /** Every query's count; one that fails keeps its last value, and the round logs one line. */
    private Map<String, Long> readAll() {
        Map<String, Long> read = new HashMap<>();
        Map<String, String> failed = new TreeMap<>();
        queries.forEach((key, query) -> {
            try {
                read.put(key, query.getAsLong());
            } catch (RuntimeException e) {
                failed.put(key, e.toString());
            }
        });
        if (!failed.isEmpty()) {
            log.warn("cannot read gauges {} (they keep their last values): {}", failed.keySet(),
                    failed.values().iterator().next());
        }
        return read;
    }

    @PreDestroy
    void stop() {
        reader.shutdownNow();
    }
}
