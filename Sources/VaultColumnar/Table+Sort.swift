// Table+Sort.swift: ordering rows by key columns.

/// One key of a sort: a column name and a direction. NULLs sort first ascending, last descending.
public struct SortKey: Sendable {
    public var column: String
    public var ascending: Bool

    public init(_ column: String, ascending: Bool = true) {
        self.column = column
        self.ascending = ascending
    }
}

extension Column {
    /// Three-way comparison of rows `a` and `b` (NULL first; strings and binary by bytes; numbers by value).
    public func compareRows(_ a: Int, _ b: Int) -> Int {
        let validA = validity.isValidUnchecked(a), validB = validity.isValidUnchecked(b)
        if !validA || !validB { return validA == validB ? 0 : (validA ? 1 : -1) }
        func three<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        switch type {
        case .int32, .date: return three(value(at: a, as: Int32.self), value(at: b, as: Int32.self))
        case .int64, .time, .timestamp, .decimal: return three(value(at: a, as: Int64.self), value(at: b, as: Int64.self))
        case .double: return three(value(at: a, as: Double.self), value(at: b, as: Double.self))
        case .bool: return three(value(at: a, as: UInt8.self), value(at: b, as: UInt8.self))
        case .string, .fixedBinary:
            return withBytes(at: a) { x in withBytes(at: b) { y in Column.compareBytes(x, y) } }
        }
    }

    /// Lexicographic unsigned comparison of byte strings.
    public static func compareBytes(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
        let n = min(x.count, y.count)
        for k in 0..<n where x[k] != y[k] { return x[k] < y[k] ? -1 : 1 }
        return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
    }
}

extension Table {
    /// The permutation that orders the rows by `keys` (ties keep their original order).
    ///
    /// - Complexity: O(n log n) comparisons.
    public func sortPermutation(by keys: [SortKey]) throws -> [Int32] {
        let keyColumns: [(Column, Bool)] = try keys.map { key in
            guard let i = schema.index(of: key.column) else { throw ColumnarError.unknownColumn(key.column) }
            return (columns[i], key.ascending)
        }
        var permutation = (0..<Int32(count)).map { $0 }
        permutation.sort { a, b in
            for (column, ascending) in keyColumns {
                let c = column.compareRows(Int(a), Int(b))
                if c != 0 { return ascending ? c < 0 : c > 0 }
            }
            return a < b
        }
        return permutation
    }

    /// The table sorted by `keys`.
    public func sorted(by keys: [SortKey]) throws -> Table {
        gather(try sortPermutation(by: keys))
    }
}
