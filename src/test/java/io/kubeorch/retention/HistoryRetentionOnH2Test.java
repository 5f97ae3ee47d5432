package io.kubeorch.retention;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kubeorch.data-dir=./target/h2-retention-${random.uuid}",
        "kubeorch.admin.password=" + HistoryRetention.PASSWORD,
        "kubeorch.install.retry-cycle=R3/PT1S",
        // the administrator rejects what it started: these tests are about history, not four-eyes
        "kubeorch.approval.four-eyes=false"})
class HistoryRetentionOnH2Test extends HistoryRetention {

    @Override
    String labPrefix() {
        return "127.0.91";
    }
}
