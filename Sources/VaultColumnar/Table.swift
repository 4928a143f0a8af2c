// Table.swift: a schema plus equally long columns.

/// A named table: a schema and one column per field, all with the same number of rows.
///
/// Tables grow batch by batch (`append(_:)`), and are read by scanning columns, gathering rows by
/// index, filtering by a ``SelectionVector`` and sorting by key columns. `memoryFootprint` is the
/// exact number of bytes the table's buffers hold allocated.
public struct Table: Equatable, Sendable {
    /// The table's name (a vault or source table name such as `hub_customer`).
    public var name: String
    /// Field names and types.
    public let schema: Schema
    /// One column per field.
    public private(set) var columns: [Column]

    /// Creates an empty table; `dictionaryEncoded` names string columns to dictionary-encode.
    public init(name: String, schema: Schema, capacity: Int = 0, dictionaryEncoded: Set<String> = []) {
        self.name = name
        self.schema = schema
        columns = schema.fields.map {
            Column($0.type, capacity: capacity, dictionaryEncoded: dictionaryEncoded.contains($0.name))
        }
    }

    /// Creates a table from columns, checking types and lengths.
    public init(name: String, schema: Schema, columns: [Column]) throws {
        guard columns.count == schema.count else {
            throw ColumnarError.schemaMismatch("\(name): \(columns.count) columns for \(schema.count) fields")
        }
        for (field, column) in zip(schema.fields, columns) where field.type != column.type {
            throw ColumnarError.schemaMismatch("\(name).\(field.name): column of type \(column.type), field of type \(field.type)")
        }
        if let first = columns.first, let bad = columns.firstIndex(where: { $0.count != first.count }) {
            throw ColumnarError.schemaMismatch("\(name).\(schema.fields[bad].name): \(columns[bad].count) rows, expected \(first.count)")
        }
        self.name = name
        self.schema = schema
        self.columns = columns
    }

    /// The number of rows.
    public var count: Int { columns.first?.count ?? 0 }

    /// Bytes allocated by every buffer of every column.
    public var memoryFootprint: Int { columns.reduce(0) { $0 + $1.memoryFootprint } }

    /// The column called `name`; traps when there is none (a programming error).
    public subscript(name: String) -> Column {
        get {
            guard let i = schema.index(of: name) else { preconditionFailure("table \(self.name) has no column \(name)") }
            return columns[i]
        }
        set {
            guard let i = schema.index(of: name) else { preconditionFailure("table \(self.name) has no column \(name)") }
            precondition(newValue.type == columns[i].type, "column \(name) must stay \(columns[i].type)")
            columns[i] = newValue
        }
    }

    /// The column at position `i`.
    public subscript(column i: Int) -> Column {
        get { columns[i] }
        set {
            precondition(newValue.type == columns[i].type)
            columns[i] = newValue
        }
    }

    /// Lets `body` mutate the columns in place (for builders). Lengths are checked afterwards.
    public mutating func withColumns<R>(_ body: (inout [Column]) throws -> R) rethrows -> R {
        let types = columns.map(\.type)
        defer {
            precondition(columns.map(\.type) == types, "withColumns changed a column type")
            precondition(Set(columns.map(\.count)).count <= 1, "table \(name): columns of different lengths after withColumns")
        }
        return try body(&columns)
    }

    /// Appends every row of `other` (same schema), batch-wise.
    public mutating func append(_ other: Table) throws {
        guard other.schema == schema else {
            throw ColumnarError.schemaMismatch("cannot append \(other.name) to \(name): schemas differ")
        }
        guard count + other.count <= Int(Int32.max) else { throw ColumnarError.rowLimitExceeded(count + other.count) }
        for i in columns.indices { try columns[i].append(contentsOf: other.columns[i]) }
    }

    /// The rows at `indices`, in that order.
    public func gather(_ indices: [Int32]) -> Table {
        indices.withUnsafeBufferPointer { buffer in
            // Force-try: same schema and equal lengths by construction.
            try! Table(name: name, schema: schema, columns: columns.map { $0.gather(buffer) })
        }
    }

    /// The selected rows.
    public func filter(_ selection: SelectionVector) -> Table { gather(selection.indices) }

    /// Removes every row.
    public mutating func removeAll() {
        for i in columns.indices { columns[i].removeAll() }
    }

    /// Row `i` as display text, one entry per column (`nil` for NULL). For tests and display.
    public func row(_ i: Int) -> [String?] { columns.map { $0.text(at: i) } }
}
