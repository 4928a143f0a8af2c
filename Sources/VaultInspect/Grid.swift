// Grid.swift: rows of text cells under named columns, the one thing every inspection command prints.

/// A column of a ``Grid``: its name and what kind of values it holds, which decides alignment,
/// truncation, colour and the JSON type of its cells.
public struct GridColumn: Hashable, Sendable {
    /// How a column's cells are shown.
    public enum Kind: Hashable, Sendable {
        /// Left-aligned text (JSON strings).
        case text
        /// Right-aligned numbers (JSON numbers when the cell is a finite number).
        case number
        /// Hash keys and hashdiffs: hex, shortened with an ellipsis unless wide (JSON strings).
        case hashKey
    }

    public var name: String
    public var kind: Kind

    public init(_ name: String, _ kind: Kind = .text) {
        self.name = name
        self.kind = kind
    }
}

/// A result to print: named columns and rows of cells, `nil` for NULL.
///
/// Rendered as an aligned terminal table, CSV or JSON (see ``Grid/render(_:style:)``); the same
/// grid gives the same bytes every time.
public struct Grid: Sendable, Equatable {
    public var columns: [GridColumn]
    public var rows: [[String?]]

    public init(columns: [GridColumn], rows: [[String?]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// A grid of text columns named `header`, with the columns at `numeric` right-aligned numbers.
    public init(header: [String], rows: [[String]], numeric: Set<Int> = []) {
        columns = header.enumerated().map { GridColumn($0.element, numeric.contains($0.offset) ? .number : .text) }
        self.rows = rows.map { $0.map(Optional.some) }
    }

    /// Appends a row (one cell per column).
    public mutating func append(_ row: [String?]) {
        precondition(row.count == columns.count, "a row of \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }

    /// Renders the grid in `format`.
    public func render(_ format: OutputFormat, style: GridStyle = GridStyle()) -> String {
        switch format {
        case .table: return alignedText(style: style)
        case .csv: return csv()
        case .json: return json()
        }
    }
}

/// How a grid is written.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// An aligned terminal table.
    case table
    /// RFC 4180 CSV with a header row; NULL is an empty unquoted field, the empty string `""`.
    case csv
    /// A JSON array of objects, one per row; NULL is `null`.
    case json
}

/// Options of the aligned-table form.
public struct GridStyle: Sendable, Equatable {
    /// Show hash keys in full instead of their first ``keyPrefixLength`` characters and `…`.
    public var wide: Bool
    /// Colour the header, hash keys and NULLs with ANSI escapes (see ``TerminalColour``).
    public var colour: Bool
    /// The text of a NULL cell.
    public var nullText: String

    /// Characters of a hash key kept when it is shortened.
    public static let keyPrefixLength = 8

    public init(wide: Bool = false, colour: Bool = false, nullText: String = "NULL") {
        self.wide = wide
        self.colour = colour
        self.nullText = nullText
    }
}
