// TextTable.swift: aligned plain-text tables from rows of strings (the short form of Grid).

/// Aligned plain-text tables from rows of strings, for summaries that are not vault tables.
public enum TextTable {
    /// Renders rows (the first is the header) with columns padded to their widest cell and the
    /// columns at `rightAligned` right-aligned (see ``Grid/alignedText(style:)``).
    public static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        guard let header = rows.first else { return "" }
        return Grid(header: header, rows: Array(rows.dropFirst()), numeric: rightAligned).alignedText()
    }
}
