/**
 * The application layer (DESIGN §7): one public entry point per thing a user can do — run a backtest
 * ({@link io.alphaweave.platform.app.BacktestService}), validate a definition ({@link
 * io.alphaweave.platform.app.DefinitionValidator}), find a dataset ({@link
 * io.alphaweave.platform.app.DatasetCatalog}) — returning typed records that the CLI, the HTTP
 * service and the store all render the same way (JSON through {@link
 * io.alphaweave.platform.app.JsonMapper}). Nothing here knows picocli or HTTP.
 */
package io.alphaweave.platform.app;
