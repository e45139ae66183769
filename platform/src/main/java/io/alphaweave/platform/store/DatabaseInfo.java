package io.alphaweave.platform.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code db info} shows.
 *
 * @param engine the engine
 * @param displayUrl the URL without password
 * @param productVersion the server's name and version as the driver reports it
 * @param schemaVersion the schema version applied, e.g. {@code "1"}
 * @param appliedMigrations the migrations applied, oldest first ("version description")
 * @param runsByStatus how many runs are stored in each state (all states present)
 * @param signalSets how many signal sets are stored
 * @param signalRows how many signal rows are stored
 */
public record DatabaseInfo(
        DatabaseEngine engine,
        String displayUrl,
        String productVersion,
        String schemaVersion,
        List<String> appliedMigrations,
        Map<RunStatus, Long> runsByStatus,
        long signalSets,
        long signalRows) {

    /** Validates and copies. */
    public DatabaseInfo {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(displayUrl, "displayUrl");
        appliedMigrations = List.copyOf(appliedMigrations);
        runsByStatus = Map.copyOf(runsByStatus);
    }
}
