package io.alphaweave.platform.registry;

import io.alphaweave.api.AlphaweaveException;
import java.util.List;

/** No plugin of the plugins directory has the requested id. */
public class UnknownPluginException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    private final String pluginId;

    /**
     * @param pluginId the id asked for
     * @param known the ids there are
     */
    public UnknownPluginException(String pluginId, List<String> known) {
        super("no plugin \"" + pluginId + "\" is installed; installed: " + known);
        this.pluginId = pluginId;
    }

    /** @return the id asked for */
    public String pluginId() {
        return pluginId;
    }
}
