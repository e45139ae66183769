package io.alphaweave.platform.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a strategy's signals are a function of. Signals are deterministic given these, so a set is stored
 * once under this key and shared by every run that uses it.
 *
 * @param strategyId the strategy's id, 1–200 characters
 * @param strategyHash the strategy's content hash, non-blank
 * @param parametersJson the strategy's resolved parameters as canonical JSON (compared byte for byte)
 * @param datasetHash the data set's content hash, non-blank
 * @param periodStart first date of the signals (inclusive)
 * @param periodEnd last date of the signals (inclusive), not before {@code periodStart}
 */
public record SignalSetKey(
        String strategyId,
        String strategyHash,
        String parametersJson,
        String datasetHash,
        LocalDate periodStart,
        LocalDate periodEnd) {

    /** Validates. */
    public SignalSetKey {
        Checks.nonBlank(strategyId, "strategyId", 200);
        Checks.nonBlank(strategyHash, "strategyHash", 128);
        Checks.json(parametersJson, "parametersJson");
        Checks.nonBlank(datasetHash, "datasetHash", 128);
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        if (periodEnd.isBefore(periodStart)) {
            throw new IllegalArgumentException(
                    "periodEnd must not be before periodStart " + periodStart + ", was " + periodEnd);
        }
    }

    /** @return the SHA-256 (hex) of every field, length-prefixed: the set's identity in the store */
    public String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {
                strategyId, strategyHash, parametersJson, datasetHash, periodStart.toString(), periodEnd.toString()
            }) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
