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
    String currentUrl() {
        return StoreSettings.h2FileUrl(home);
    }
}
