// Grid+Markdown.swift: the Markdown (GitHub table) form of a grid.

extension Grid {
    /// The grid as a GitHub-flavoured Markdown table: a header row, a delimiter row (`---:` for
    /// number columns, which render right-aligned), then one row per grid row. Cells are padded to
    /// their column's widest cell so the source reads as a table too; `|` in a cell is escaped as
    /// `\|` and a NULL cell is `style.nullText`. Hash keys are shortened as in ``alignedText(style:)``
    /// unless `style.wide`. Colour never applies.
    ///
    /// ```
    /// | customer_id | hub_customer_hk | load_date  |
    /// | ----------- | --------------- | ---------- |
    /// | C001        | 928C6512…       | 2024-01-01 |
    /// ```
    public func markdown(style: GridStyle = GridStyle()) -> String {
        let header = columns.map { Self.markdownCell($0.name) }
        let cells: [[String]] = rows.map { row in
            row.enumerated().map { i, cell in
                guard let cell else { return Self.markdownCell(style.nullText) }
                return Self.markdownCell(columns[i].kind == .hashKey && !style.wide ? Self.shortened(cell) : cell)
            }
        }
        var widths = header.map { max($0.count, 3) }
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }

        func line(_ row: [String]) -> String {
            let padded = row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return columns[i].kind == .number ? pad + cell : cell + pad
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }

        let rule = columns.enumerated().map { i, column in
            column.kind == .number
                ? String(repeating: "-", count: widths[i] - 1) + ":" : String(repeating: "-", count: widths[i])
        }
        var out = [line(header), "| " + rule.joined(separator: " | ") + " |"]
        for row in cells { out.append(line(row)) }
        return out.joined(separator: "\n")
    }

    /// `text` safe inside a Markdown table cell: `|` escaped, line breaks turned into spaces, and
    /// an empty cell written as nothing (the padding keeps the row well formed).
    static func markdownCell(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "|": out += "\\|"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}
