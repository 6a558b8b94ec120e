package io.hakeeper.controller.text;

import java.util.ArrayList;
import java.util.List;

/** Rows of cells printed in aligned columns, two spaces apart, without trailing blanks. */
public final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final String indent;

    public TextTable(String indent, String... header) {
        this.indent = indent;
        rows.add(header);
    }

    public TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    public int size() {
        return rows.size() - 1;
    }

    public String render() {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], cell(r, c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < columns; c++) {
                String v = cell(r, c);
                line.append(v);
                if (c < columns - 1) {
                    line.append(" ".repeat(width[c] - v.length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String cell(String[] r, int c) {
        return c < r.length && r[c] != null ? r[c] : "";
    }
}
