// Grid+Text.swift: the aligned terminal table form of a grid.

extension Grid {
    /// The grid as an aligned table: a header, a rule of dashes, then the rows; columns padded to
    /// their widest cell and separated by two spaces, numbers right-aligned, trailing spaces
    /// trimmed. Hash keys are shortened to their first ``GridStyle/keyPrefixLength`` characters
    /// and `…` unless `style.wide`. Widths count characters, and colour escapes are added after
    /// padding, so coloured and plain tables line up the same.
    ///
    /// ```
    ///  hub_customer_hk  customer_id  load_date
    ///  ---------------  -----------  -----------------------
    ///  0A1B2C3D…        C0000001     2024-01-01 00:00:00.000
    /// ```
    public func alignedText(style: GridStyle = GridStyle()) -> String {
        let cells: [[String]] = rows.map { row in
            row.enumerated().map { i, cell in
                guard let cell else { return style.nullText }
                return columns[i].kind == .hashKey && !style.wide ? Self.shortened(cell) : cell
            }
        }
        var widths = columns.map(\.name.count)
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        let palette = style.colour ? TerminalColour.palette : TerminalColour.none

        func line(_ row: [String], colours: (Int) -> String) -> String {
            var out = ""
            for (i, cell) in row.enumerated() {
                if i > 0 { out += "  " }
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                let colour = colours(i)
                let painted = colour.isEmpty ? cell : colour + cell + palette.reset
                out += columns[i].kind == .number ? pad + painted : painted + pad
            }
            return out.trimmingTrailingSpaces()
        }

        var out = [line(columns.map(\.name)) { _ in palette.header }]
        out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for (r, row) in cells.enumerated() {
            out.append(line(row) { i in
                if rows[r][i] == nil { return palette.null }
                return columns[i].kind == .hashKey ? palette.hashKey : ""
            })
        }
        return out.joined(separator: "\n")
    }

    /// `cell` cut to ``GridStyle/keyPrefixLength`` characters and `…` when longer than that plus one.
    static func shortened(_ cell: String) -> String {
        cell.count > GridStyle.keyPrefixLength + 1 ? String(cell.prefix(GridStyle.keyPrefixLength)) + "…" : cell
    }
}

extension String {
    /// The string without trailing spaces.
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
