package io.alphaweave.web.http;

import java.util.Arrays;
import java.util.Locale;

/** What a bearer token may do; each role includes the ones before it. */
public enum Role {
    /** Read the registry, datasets, runs and reports. */
    READ,
    /** Also validate definitions and start or cancel work. */
    WRITE,
    /** Also install and remove plugins. */
    ADMIN;

    /**
     * @param needed the role a route requires
     * @return whether this role is at least as strong
     */
    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** @return the lower-case name used on the command line, in files and in JSON */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param raw read, write or admin (any case)
     * @return the role
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static Role parse(String raw) {
        for (Role r : values()) {
            if (r.label().equals(raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be one of "
                + Arrays.stream(values()).map(Role::label).toList() + ", was \"" + raw + "\"");
    }
}
