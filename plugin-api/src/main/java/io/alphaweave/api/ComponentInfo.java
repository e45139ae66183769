package io.alphaweave.api;

import java.util.List;
import java.util.Objects;

/**
 * What a strategy, combiner or allocator says about itself: shown by the registry, the CLI and the
 * HTTP API, and used to validate configs. Immutable.
 *
 * @param id the unique id configs refer to, lower snake_case (e.g. {@code rsi_reversion})
 * @param kind what the component is
 * @param version the component's own version string, e.g. {@code 1.0.0}
 * @param horizonDays for strategies the horizon of their signals in trading days (≥ 1); 0 for
 *     combiners and allocators
 * @param summary one line
 * @param readme longer text: idea, parameters, when it works and when it fails; may be empty
 * @param parameters the declared parameters, copied
 */
public record ComponentInfo(
        String id,
        ComponentKind kind,
        String version,
        int horizonDays,
        String summary,
        String readme,
        List<ParameterSpec> parameters) {

    /** Validates the id, horizon and nulls; copies the parameter list. */
    public ComponentInfo {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(version, "version must not be null");
        Objects.requireNonNull(summary, "summary must not be null");
        readme = readme == null ? "" : readme;
        if (!id.matches("[a-z][a-z0-9_]*")) {
            throw new InvalidParameterException("id must be lower snake_case ([a-z][a-z0-9_]*), was \"" + id + "\"");
        }
        if (kind == ComponentKind.STRATEGY && horizonDays < 1) {
            throw new InvalidParameterException("horizonDays of strategy " + id + " must be ≥ 1, was " + horizonDays);
        }
        if (kind != ComponentKind.STRATEGY && horizonDays != 0) {
            throw new InvalidParameterException("horizonDays of " + kind + " " + id + " must be 0, was " + horizonDays);
        }
        parameters = List.copyOf(parameters == null ? List.of() : parameters);
        long distinct = parameters.stream().map(ParameterSpec::name).distinct().count();
        if (distinct != parameters.size()) {
            throw new InvalidParameterException("parameter names of " + id + " must be unique");
        }
    }

    /**
     * Resolves raw config values against {@link #parameters()}.
     *
     * @param raw config values, may be null
     * @return the validated, complete set
     * @throws InvalidParameterException on any bad or unknown value
     */
    public Parameters resolve(java.util.Map<String, ?> raw) {
        return Parameters.resolve(parameters, raw);
    }
}
