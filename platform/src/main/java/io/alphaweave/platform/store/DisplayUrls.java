package io.alphaweave.platform.store;

import java.util.regex.Pattern;

/** Removes passwords from JDBC URLs before they are shown. */
final class DisplayUrls {
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]+):[^/@]*@");

    private DisplayUrls() {}

    static String strip(String jdbcUrl) {
        String noParam = PASSWORD.matcher(jdbcUrl).replaceAll("$1***");
        return USER_INFO.matcher(noParam).replaceAll("$1:***@");
    }
}
