// KeyedStore.swift: a hub or link table and the index of its keys.

import VaultColumnar

/// A hub or a link: a table whose first column is a unique hash key, and the index of those keys.
/// Insert-only: keys not seen before are appended with their load date and record source.
///
/// ```
///  hub:   hub_x_hk | x_id               | load_date | record_source
///  link:  link_x_hk | hub_a_hk | hub_b_hk ... | load_date | record_source
/// ```
///
/// A store is mutated by one thread at a time (the loader gives each table to one task).
public final class KeyedStore: @unchecked Sendable {
    public let name: String
    public private(set) var table: Table
    var index = KeyIndex()
    /// Rows already checked by the audits.
    var auditedRows = 0

    init(name: String, schema: Schema) {
        self.name = name
        table = VaultSchemas.emptyTable(name, schema)
    }

    /// Whether the table holds `key` (bytes of the key column's width).
    func contains(_ key: UnsafeRawPointer, width: Int) -> Bool {
        guard table.count > 0 else { return false }
        return table.columns[0].withFixedKeys { keys in
            index.probe(key, hash: ByteHash.hash(key, width), in: keys) >= 0
        }
    }

    /// Loads candidate rows: NULL-free `keys`, the columns between the key and `load_date`
    /// (business key, or hub keys), and each row's record source. The first occurrence of a key
    /// in the batch wins.
    func load(keys: Column, attributes: [Column], recordSources: Column, loadDate: Int64) -> LoadCounts {
        var counts = LoadCounts()
        counts.rowsIn = keys.count
        let firsts = Deduplicator.firstOccurrences(keys)
        counts.duplicates = keys.count - firsts.count
        let fresh = table.columns[0].withFixedKeys { tableKeys in
            keys.withFixedKeys { staged in
                firsts.filter { index.probe(staged.key(Int($0)), hash: staged.hash(Int($0)), in: tableKeys) < 0 }
            }
        }
        counts.unchanged = firsts.count - fresh.count
        counts.inserted = fresh.count
        guard !fresh.isEmpty else { return counts }
        let start = table.count
        var rows = VaultSchemas.emptyTable(table.name, table.schema)
        rows.withColumns { columns in
            columns[0] = keys.gather(fresh)
            for (k, attribute) in attributes.enumerated() { columns[1 + k] = attribute.gather(fresh) }
            columns[columns.count - 2] = Column.constant(timestamp: loadDate, count: fresh.count)
            columns[columns.count - 1] = recordSources.gather(fresh)
        }
        try! table.append(rows)  // same schema by construction
        table.columns[0].withFixedKeys { tableKeys in
            index.reserve(additional: fresh.count, keys: tableKeys)
            for row in start..<table.count { index.insert(row: Int32(row), keys: tableKeys) }
        }
        return counts
    }

    /// Bytes of the table and its index.
    public var memoryFootprint: Int { table.memoryFootprint + index.memoryFootprint }

    /// Replaces the table (restoring a snapshot) and rebuilds the index.
    func restore(_ restored: Table) {
        precondition(restored.schema == table.schema)
        table = restored
        index = KeyIndex(capacity: restored.count)
        auditedRows = restored.count
        table.columns[0].withFixedKeys { keys in
            for row in 0..<table.count { index.insert(row: Int32(row), keys: keys) }
        }
    }
}

extension Column {
    /// A timestamp column of `count` copies of `value`.
    static func constant(timestamp value: Int64, count: Int) -> Column {
        var column = Column(.timestamp, capacity: count)
        let values = [Int64](repeating: value, count: count)
        values.withUnsafeBytes { column.appendValues($0, rowCount: count) }
        return column
    }
}

extension KeyedStore {
    /// The row holding `key` (bytes of the key column's width), or -1.
    func row(of key: UnsafeRawPointer, width: Int) -> Int32 {
        guard table.count > 0 else { return -1 }
        return table.columns[0].withFixedKeys { keys in
            let slot = index.probe(key, hash: ByteHash.hash(key, width), in: keys)
            return slot >= 0 ? index.row(atSlot: slot) : -1
        }
    }
}
