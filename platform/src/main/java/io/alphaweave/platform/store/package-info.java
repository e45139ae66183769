/**
 * The store (DESIGN §8): every run, signal set, allocation, metric, trade and job kept in H2 (a file
 * under the workspace home, the embedded default) or PostgreSQL, through jdbi over a HikariCP pool, with
 * Flyway migrations. {@link io.alphaweave.platform.store.Database} is the entry point; the repositories
 * it hands out take and return the row records of this package. Instants are stored as UTC with
 * microsecond precision, doubles keep NaN and ±∞ (H2 reads −0.0 back as 0.0), JSON documents are stored as text, byte for byte.
 */
package io.alphaweave.platform.store;
