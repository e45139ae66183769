package io.alphaweave.platform.store;

/**
 * The database cannot be reached, opened or logged into. The message is one line naming the database
 * (its URL without any password) and how to fix it.
 */
public final class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String displayUrl;

    /**
     * @param displayUrl the database URL with any password removed
     * @param message one line: what is wrong and how to fix it
     * @param cause the driver's failure, may be null
     */
    public StoreUnavailableException(String displayUrl, String message, Throwable cause) {
        super(message, cause);
        this.displayUrl = displayUrl;
    }

    /** @return the database URL with any password removed */
    public String displayUrl() {
        return displayUrl;
    }
}
