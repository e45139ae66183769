package io.alphaweave.platform.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The repository suite on H2: a new file database in a temporary directory for every test. */
class H2StoreTest extends StoreContract {

    @TempDir
    Path home;

    @Override
    String freshDatabaseUrl() {
        return currentUrl();
    }

    @Override
    void awaitSignalsBeingWritten(Process child) throws Exception {
        Path file = home.resolve("alphaweave.mv.db");
        long before = java.nio.file.Files.size(file);
        // 16 MiB of new pages: well into the signals (the run row and the schema take a few hundred KiB)
        while (!java.nio.file.Files.exists(file) || java.nio.file.Files.size(file) < before + (16L << 20)) {
            org.assertj.core.api.Assertions.assertThat(child.isAlive())
                    .as("the child is still writing")
                    .isTrue();
            Thread.sleep(20);
        }
    }

    @Override
    String currentUrl() {
        return StoreSettings.h2FileUrl(home);
    }
}
