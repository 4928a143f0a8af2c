// SatelliteRows.swift: what a satellite stores: parent rows, hashdiffs, payload and load stamps.

import VaultRuntime
import VaultColumnar

/// The rows of a satellite as stored: each version's parent row instead of its parent key, the
/// hashdiff and payload columns, and `load_date` and `record_source` as runs (``LoadStamps``).
/// ``table`` rebuilds the satellite's table (`parent_hk, load_date, hash_diff, record_source,
/// payload...`) byte for byte, gathering the keys from the parent.
///
/// ```
///  stored:   parent row (int32; -1 for the ghost rows) | hash_diff | payload ...
///  stamps:   load_date and record_source runs
/// ```
///
/// A 64-bit integer payload column (money) is held as 32 bits while its values fit
/// (``NarrowIntegers``); ``payload(_:)`` and ``table`` give it back at its own type.
///
/// Used by the plain satellites (``SatelliteStore``) and the multi-active one
/// (``MultiActiveSatelliteStore``); the rows start with the ghost record.
struct SatelliteRows {
    let name: String
    /// The columns of ``table``.
    let schema: Schema
    /// The parent row, the hashdiff, then the payload (64-bit integers narrowed while they fit).
    private(set) var stored: Table
    /// Per stored column, whether it is held narrow (an `int32` column of a 64-bit type).
    private(set) var narrow: [Bool]
    /// `load_date` and `record_source` of every row.
    private(set) var stamps: LoadStamps
    /// The parent key of the ghost rows (they have no parent row).
    private let ghostKeys: Column

    /// The ghost rows of `schema` alone.
    init(name: String, schema: Schema, ghost: GhostRecord) {
        self.name = name
        self.schema = schema
        let table = ghost.row(for: schema, name: name)
        ghostKeys = table.columns[0]
        var ghostParents = Column(.int32)
        ghostParents.append(repeating: Int32(-1), count: table.count)
        (stored, narrow) = Self.storedTable(name, schema: schema, parentRows: ghostParents, from: table)
        stamps = try! LoadStamps(loadDates: table.columns[1], recordSources: table.columns[3], table: name)  // the ghost's own
    }

    /// The stored columns of `table`'s rows, with their parent rows, and which are held narrow.
    private static func storedTable(_ name: String, schema: Schema, parentRows: Column, from table: Table) -> (Table, [Bool]) {
        var columns = [parentRows, table.columns[2]] + table.columns[4...]
        let narrow = columns.indices.map { $0 >= 2 && NarrowIntegers.applies(to: columns[$0].type) && NarrowIntegers.fits(columns[$0]) }
        for k in columns.indices where narrow[k] { columns[k] = NarrowIntegers.narrowed(columns[k]) }
        return (try! Table(name: name, schema: storedSchema(schema, narrow: narrow), columns: Array(columns)), narrow)  // same lengths
    }

    /// The schema of the stored columns.
    private static func storedSchema(_ schema: Schema, narrow: [Bool]) -> Schema {
        let fields = [Field("parent_row", .int32, nullable: false)] + [schema.fields[2]] + schema.fields[4...]
        return Schema(fields.enumerated().map { k, field in narrow[k] ? Field(field.name, .int32, nullable: field.nullable) : field })
    }

    /// Stored column `k` at the type of the table's column.
    private func column(_ k: Int) -> Column {
        narrow[k] ? NarrowIntegers.widened(stored.columns[k], to: schema.fields[k + 2].type) : stored.columns[k]  // only payload is narrow
    }

    /// The number of rows, ghost rows included.
    var count: Int { stored.count }

    /// Each row's parent row (`int32`; -1 for the ghost rows).
    var parentRows: Column { stored.columns[0] }

    /// The hashdiffs.
    var hashdiffs: Column { stored.columns[1] }

    /// The payload column called `name`.
    func payload(_ name: String) -> Column {
        guard let k = schema.names.firstIndex(of: name), k >= 4 else { preconditionFailure("\(self.name) has no payload column \(name)") }
        return column(k - 2)
    }

    /// Every payload column, in schema order.
    var payloadColumns: [Column] { (2..<stored.columns.count).map(column) }

    /// The parent keys of every row: the ghost's key, then the keys of `parent` at the parent rows.
    func parentKeys(in parent: KeyedStore) -> Column {
        var keys = ghostKeys
        keys.reserve(rows: count - SatelliteStore.ghostRows)
        stored.columns[0].withUnsafeValues(as: Int32.self) { rows in
            try! keys.append(gathering: UnsafeBufferPointer(rebasing: rows[SatelliteStore.ghostRows...]), from: parent.keys)  // same type
        }
        return keys
    }

    /// The table, with the keys of `parent`.
    func table(parent: KeyedStore) -> Table {
        let columns = [parentKeys(in: parent), stamps.loadDateColumn(), stored.columns[1], stamps.recordSourceColumn()]
            + (2..<stored.columns.count).map(column)
        return try! Table(name: name, schema: schema, columns: Array(columns))  // types and lengths agree by construction
    }

    /// Appends rows `inserts` of a batch (each gathered straight into its column, one column per
    /// job) with their parent rows (`parentRows`, by batch row), `loadDate` and `recordSource`.
    mutating func append(_ inserts: [Int32], parentRows: SharedArray<Int32>, hashdiffs: Column, payload: [Column],
                         recordSource: String, loadDate: Int64, threads: Int = 1) {
        precondition(count + inserts.count <= Int(Int32.max), "\(name): more than \(Int32.max) rows")
        stamps.append(loadDate: loadDate, code: stamps.intern(recordSource), count: inserts.count)
        widenWhereNeeded(for: inserts, of: payload)
        let narrow = narrow
        stored.withColumns { columns in
            columns.withUnsafeMutableBufferPointer { columns in
                inserts.withUnsafeBufferPointer { inserts in
                    concurrentEach(count: columns.count, threads: inserts.count >= 4096 ? threads : 1) { k in
                        if k == 0 {
                            columns[k].appendValues(rowCount: inserts.count, as: Int32.self) { out in
                                for (i, row) in inserts.enumerated() { out[i] = parentRows[Int(row)] }
                            }
                            return
                        }
                        let source = k == 1 ? hashdiffs : payload[k - 2]
                        guard narrow[k] else {
                            try! columns[k].append(gathering: inserts, from: source)  // same types by construction
                            return
                        }
                        try! columns[k].append(contentsOf: NarrowIntegers.narrowed(source.gather(inserts)))  // int32 both
                    }
                }
            }
        }
    }

    /// Widens for good each narrow payload column that a value of `payload` at `inserts` would
    /// not fit.
    private mutating func widenWhereNeeded(for inserts: [Int32], of payload: [Column]) {
        let overflowing = (2..<stored.columns.count).filter { k in
            narrow[k] && payload[k - 2].withUnsafeValues(as: Int64.self) { values in
                inserts.contains { Int64(Int32(truncatingIfNeeded: values[Int($0)])) != values[Int($0)] }
            }
        }
        guard !overflowing.isEmpty else { return }
        var columns = stored.columns
        for k in overflowing {
            columns[k] = column(k)
            narrow[k] = false
        }
        stored = try! Table(name: name, schema: Self.storedSchema(schema, narrow: narrow), columns: columns)  // same lengths, new types
    }

    /// Replaces the rows with a restored table, looking each version's parent key up in `parent`.
    /// Throws when the table does not fit: another schema, no ghost row, a NULL stamp, or a
    /// version whose parent key the parent does not hold. Nothing changes when it throws.
    mutating func restore(_ restored: Table, parent: KeyedStore) throws {
        guard restored.schema == schema else { throw VaultError.restoreMismatch("\(name) has another schema than this vault's") }
        let ghostRows = SatelliteStore.ghostRows
        guard restored.count >= ghostRows else { throw VaultError.restoreMismatch("\(name) has no ghost record") }
        var parentRows = Column(.int32, capacity: restored.count)
        parentRows.append(repeating: Int32(-1), count: ghostRows)
        try parent.appendRows(ofKeys: restored.columns[0], from: ghostRows, to: &parentRows, in: name)
        let restoredStamps = try LoadStamps(loadDates: restored.columns[1], recordSources: restored.columns[3], table: name)
        (stored, narrow) = Self.storedTable(name, schema: schema, parentRows: parentRows, from: restored)
        stamps = restoredStamps
    }

    /// Bytes of the stored columns and stamps.
    var memoryFootprint: Int { stored.memoryFootprint + stamps.memoryFootprint + ghostKeys.memoryFootprint }
}
