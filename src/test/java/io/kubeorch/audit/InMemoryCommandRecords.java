package io.kubeorch.audit;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The product's command record table in an in-memory H2 database, created by the product's own
 * migrations: for tests that check what the audit keeps without starting the application.
 */
public final class InMemoryCommandRecords {

    private InMemoryCommandRecords() {
    }

    public static CommandRecords create() {
        DataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:records-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return new CommandRecords(new JdbcTemplate(dataSource));
    }
}
