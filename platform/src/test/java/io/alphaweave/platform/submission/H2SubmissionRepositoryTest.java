package io.alphaweave.platform.submission;

import io.alphaweave.platform.store.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The submission repository suite on H2 (a new file database per test). */
class H2SubmissionRepositoryTest extends SubmissionRepositoryContract {
    @TempDir
    Path home;

    @Override
    String freshDatabaseUrl() {
        return StoreSettings.h2FileUrl(home);
    }
}
