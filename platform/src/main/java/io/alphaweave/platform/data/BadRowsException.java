package io.alphaweave.platform.data;

import java.util.List;

/**
 * A load found rows it cannot read and was not asked to drop them. The message lists every bad row
 * as {@code file:line: reason} up to {@link LoadOptions#maxListed()}, then counts the rest; with a
 * single bad row it is that one line.
 */
public final class BadRowsException extends DataFormatException {
    private static final long serialVersionUID = 1L;

    /** The bad rows, every one (not only the listed ones); immutable. */
    @SuppressWarnings("serial") // an immutable List.copyOf of records
    private final List<BadRow> rows;

    /**
     * @param rows every bad row found, in file and line order; at least one
     * @param maxListed how many the message lists, ≥ 1
     */
    public BadRowsException(List<BadRow> rows, int maxListed) {
        super(message(rows, maxListed));
        this.rows = List.copyOf(rows);
    }

    /** @return every bad row, in file and line order */
    public List<BadRow> rows() {
        return rows;
    }

    private static String message(List<BadRow> rows, int maxListed) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("rows must not be empty");
        }
        if (rows.size() == 1) {
            return rows.get(0).toString();
        }
        List<String> files = rows.stream().map(BadRow::file).distinct().toList();
        StringBuilder sb = new StringBuilder()
                .append(rows.size())
                .append(" bad rows in ")
                .append(files.size() == 1 ? files.get(0) : files.size() + " files")
                .append(
                        " (fix them, or leave them out: data inspect --drop-bad-rows, config data.drop_bad_rows: true):");
        int listed = Math.min(maxListed, rows.size());
        for (int i = 0; i < listed; i++) {
            sb.append("\n  ").append(rows.get(i));
        }
        if (rows.size() > listed) {
            sb.append("\n  … and ").append(rows.size() - listed).append(" more");
        }
        return sb.toString();
    }
}
