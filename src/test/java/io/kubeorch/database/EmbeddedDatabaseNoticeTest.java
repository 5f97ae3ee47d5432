package io.kubeorch.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class EmbeddedDatabaseNoticeTest {

    @Test
    void namesTheAbsolutePathOfTheH2FileAndWhatAnotherDirectoryMeans() {
        String notice = EmbeddedDatabaseNotice.notice("jdbc:h2:file:./data/kubeorch;AUTO_SERVER=TRUE");

        assertThat(notice).contains(Path.of("data/kubeorch.mv.db").toAbsolutePath().normalize().toString())
                .contains("new, empty database with a new administrator").contains("KUBEORCH_DATA_DIR");
    }

    @Test
    void saysNothingForPostgres() {
        assertThat(EmbeddedDatabaseNotice.notice("jdbc:postgresql://db:5432/kubeorch")).isNull();
    }
}
