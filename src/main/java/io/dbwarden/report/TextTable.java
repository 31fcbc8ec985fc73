package io.dbwarden.report;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns separated by two blanks; the last column is not padded, so lines carry no trailing blanks. */
public final class TextTable {

    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> header) {
        rows.add(header);
    }

    public TextTable add(List<String> row) {
        rows.add(row);
        return this;
    }

    public List<String> lines() {
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = row.get(c);
                sb.append(cell);
                if (c < columns - 1) {
                    sb.append(" ".repeat(widths[c] - cell.length() + 2));
                }
            }
            lines.add(sb.toString().stripTrailing());
        }
        return lines;
    }
}
