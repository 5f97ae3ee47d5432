package io.kubeorch.database;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says at start-up where the embedded H2 database is: its path is relative to the working
 * directory by default, so starting kubeorch from another directory silently starts a new,
 * empty database with a new administrator.
 */
@Component
class EmbeddedDatabaseNotice {

    static final String H2_FILE = "jdbc:h2:file:";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseNotice.class);

    private final Environment environment;

    EmbeddedDatabaseNotice(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void tell() {
        String notice = notice(environment.getProperty("spring.datasource.url", ""));
        if (notice != null) {
            log.info(notice);
        }
    }

    /** The notice for a JDBC URL, or null when it is not an H2 file database. */
    static String notice(String url) {
        if (!url.startsWith(H2_FILE)) {
            return null;
        }
        String file = url.substring(H2_FILE.length()).split(";", 2)[0];
        Path path = Path.of(file + ".mv.db").toAbsolutePath().normalize();
        return "Embedded H2 database: " + path + ". It is found relative to the working directory (kubeorch.data-dir,"
                + " KUBEORCH_DATA_DIR): started from another directory, kubeorch starts a new, empty database with a new"
                + " administrator. For production use PostgreSQL (the postgres profile).";
    }
}
