package io.alphaweave.platform.registry;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ComponentKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** No loaded component of the asked kind has the asked id. The message lists the known ids. */
public class UnknownComponentException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    private final ComponentKind kind;
    private final String id;
    private final transient List<String> knownIds;
    private final String suggestion;

    /**
     * @param kind the kind asked for
     * @param id the id asked for
     * @param knownIds the loaded ids of that kind, sorted
     * @param suggestion the closest known id, or null
     */
    public UnknownComponentException(ComponentKind kind, String id, List<String> knownIds, String suggestion) {
        super(message(kind, id, knownIds, suggestion));
        this.kind = kind;
        this.id = id;
        this.knownIds = List.copyOf(knownIds);
        this.suggestion = suggestion;
    }

    private static String message(ComponentKind kind, String id, List<String> known, String suggestion) {
        String k = kind.name().toLowerCase(Locale.ROOT);
        StringBuilder sb =
                new StringBuilder("unknown ").append(k).append(" \"").append(id).append('"');
        if (suggestion != null) {
            sb.append("; did you mean \"").append(suggestion).append("\"?");
        }
        sb.append(
                known.isEmpty()
                        ? "; no " + k + " is registered"
                        : "; known " + k + " ids: " + String.join(", ", known));
        return sb.toString();
    }

    /** @return the kind asked for */
    public ComponentKind kind() {
        return kind;
    }

    /** @return the id asked for */
    public String id() {
        return id;
    }

    /** @return the loaded ids of that kind, sorted */
    public List<String> knownIds() {
        return knownIds;
    }

    /** @return the closest known id by edit distance, if one is close */
    public Optional<String> suggestion() {
        return Optional.ofNullable(suggestion);
    }
}
