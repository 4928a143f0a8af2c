// SatelliteStore.swift: an insert-only satellite and the index of each parent key's latest row.

import VaultColumnar

/// A satellite: versions of a parent's attributes, inserted only when the hashdiff differs from
/// the version in force (AutomateDV semantics). Nothing is updated in place; `load_end_date` is
/// derived from the next version's `load_date` (see ``nextVersionRows()``).
///
/// Row 0 is the ghost record (``GhostRecord``): it is not a version of any key and not indexed.
///
/// ```
///  parent_hk | load_date | hash_diff | record_source | payload ...
///  index: parent key -> row of its latest version
/// ```
public final class SatelliteStore: @unchecked Sendable {
    public let definition: SatelliteDefinition
    public private(set) var table: Table
    var latest = KeyIndex()
    /// Rows already checked by the audits.
    var auditedRows = SatelliteStore.ghostRows
    /// For each row appended by the last load: the row of the version it follows (-1: first version).
    var previousVersions = [Int32]()

    /// Rows at the start of every satellite that hold ghost records.
    public static let ghostRows = 1

    init(definition: SatelliteDefinition, schema: Schema, ghost: GhostRecord) {
        self.definition = definition
        table = ghost.row(for: schema, name: definition.name)
    }

    /// For each row of `keys` (a key column, NULLs allowed), the row of that key's latest version,
    /// or -1 when the key is NULL or has no version yet. One pass, no per-row allocation.
    func latestRows(of keys: Column) -> [Int32] {
        var rows = [Int32](repeating: -1, count: keys.count)
        guard table.count > 0 else { return rows }
        table.columns[0].withFixedKeys { tableKeys in
            keys.withReader { reader in
                for i in 0..<reader.count where reader.isValid(i) {
                    let key = reader.bytes(i)
                    guard key.count == tableKeys.width else { continue }
                    let slot = latest.probe(key.baseAddress!, hash: ByteHash.hash(key), in: tableKeys)
                    if slot >= 0 { rows[i] = latest.row(atSlot: slot) }
                }
            }
        }
        return rows
    }

    /// Loads candidate rows (NULL-free parent keys, hashdiffs, record sources and payload columns
    /// in definition order). Within the batch the last version of a key in source order is kept;
    /// it is inserted when its hashdiff differs from the version in force.
    func load(parentKeys: Column, hashdiffs: Column, recordSources: Column, payload: [Column], loadDate: Int64) -> LoadCounts {
        var counts = LoadCounts()
        counts.rowsIn = parentKeys.count
        previousVersions = []
        guard parentKeys.count > 0 else { return counts }

        // 1. The last version of each key in the batch; earlier identical versions are duplicates,
        //    earlier different ones are superseded.
        var kept = [Int32]()
        parentKeys.withFixedKeys { keys in
            hashdiffs.withFixedKeys { diffs in
                // The local index finds a key's first row; `lastOf[first]` is its latest row so far.
                var local = KeyIndex(capacity: keys.count)
                var lastOf = [Int32](repeating: -1, count: keys.count)
                var firsts = [Int32]()
                for i in 0..<keys.count {
                    let slot = local.probe(keys.key(i), hash: keys.hash(i), in: keys)
                    if slot < 0 {
                        local.insert(row: Int32(i), keys: keys)
                        firsts.append(Int32(i))
                        lastOf[i] = Int32(i)
                    } else {
                        let first = Int(local.row(atSlot: slot))
                        let previous = Int(lastOf[first])
                        if memcmp(diffs.key(previous), diffs.key(i), diffs.width) == 0 { counts.duplicates += 1 } else { counts.superseded += 1 }
                        lastOf[first] = Int32(i)
                    }
                }
                kept = firsts.map { lastOf[Int($0)] }.sorted()
            }
        }

        // 2. Compare with the version in force.
        var inserts = [Int32]()
        var updateSlots = [Int]()  // slot for existing keys, -1 for new keys
        table.columns[0].withFixedKeys { tableKeys in
            latest.reserve(additional: kept.count, keys: tableKeys)
        }
        table.columns[0].withFixedKeys { tableKeys in
            table.columns[2].withFixedKeys { tableDiffs in
                parentKeys.withFixedKeys { keys in
                    hashdiffs.withFixedKeys { diffs in
                        let loadDates = table.columns[1]
                        for row in kept {
                            let i = Int(row)
                            let slot = latest.probe(keys.key(i), hash: keys.hash(i), in: tableKeys)
                            if slot >= 0 {
                                let current = Int(latest.row(atSlot: slot))
                                if memcmp(tableDiffs.key(current), diffs.key(i), diffs.width) == 0
                                    || loadDates.value(at: current, as: Int64.self) >= loadDate {
                                    counts.unchanged += 1
                                    continue
                                }
                                updateSlots.append(slot)
                            } else {
                                updateSlots.append(-1)
                            }
                            inserts.append(row)
                        }
                    }
                }
            }
        }
        counts.inserted = inserts.count
        previousVersions = updateSlots.map { $0 >= 0 ? latest.row(atSlot: $0) : -1 }
        guard !inserts.isEmpty else { return counts }

        // 3. Append the new versions and point the index at them.
        let start = table.count
        table.appendSatelliteRows(inserts, parentKeys: parentKeys, hashdiffs: hashdiffs, recordSources: recordSources,
                                  payload: payload, loadDate: loadDate)
        table.columns[0].withFixedKeys { tableKeys in
            for (k, slot) in updateSlots.enumerated() {
                let row = Int32(start + k)
                if slot >= 0 { latest.update(slot: slot, row: row) } else { latest.insert(row: row, keys: tableKeys) }
            }
        }
        return counts
    }

    /// Bytes of the table and its index.
    public var memoryFootprint: Int { table.memoryFootprint + latest.memoryFootprint }

    /// For each row, the row of the same key's next version (its `load_end_date` is that row's
    /// `load_date`), or -1 for a key's current version and for the ghost row. One backward sweep.
    public func nextVersionRows() -> [Int32] {
        Self.nextVersionRows(keys: table.columns[0], from: Self.ghostRows)
    }

    /// For each row of `keys` from `start` on, the next row with the same key (-1: none).
    static func nextVersionRows(keys column: Column, from start: Int) -> [Int32] {
        var next = [Int32](repeating: -1, count: column.count)
        guard column.count > start else { return next }
        column.withFixedKeys { keys in
            var seen = KeyIndex(capacity: column.count - start)
            for row in stride(from: column.count - 1, through: start, by: -1) {
                let slot = seen.probe(keys.key(row), hash: keys.hash(row), in: keys)
                if slot >= 0 {
                    next[row] = seen.row(atSlot: slot)
                    seen.update(slot: slot, row: Int32(row))
                } else {
                    seen.insert(row: Int32(row), keys: keys)
                }
            }
        }
        return next
    }

    /// Replaces the table (restoring a snapshot) and rebuilds the latest-version index.
    func restore(_ restored: Table) {
        precondition(restored.schema == table.schema)
        table = restored
        latest = KeyIndex(capacity: restored.count)
        auditedRows = restored.count
        previousVersions = []
        table.columns[0].withFixedKeys { keys in
            for row in Self.ghostRows..<table.count {
                let slot = latest.probe(keys.key(row), hash: keys.hash(row), in: keys)
                if slot >= 0 { latest.update(slot: slot, row: Int32(row)) } else { latest.insert(row: Int32(row), keys: keys) }
            }
        }
    }
}

extension Table {
    /// Appends rows `inserts` of the staged columns to a satellite table
    /// (`parent key, load_date, hash_diff, record_source, payload...`), all with `loadDate`.
    mutating func appendSatelliteRows(_ inserts: [Int32], parentKeys: Column, hashdiffs: Column, recordSources: Column,
                                      payload: [Column], loadDate: Int64) {
        var rows = VaultSchemas.emptyTable(name, schema)
        rows.withColumns { columns in
            columns[0] = parentKeys.gather(inserts)
            columns[1] = Column.constant(timestamp: loadDate, count: inserts.count)
            columns[2] = hashdiffs.gather(inserts)
            columns[3] = recordSources.gather(inserts)
            for (k, column) in payload.enumerated() { columns[4 + k] = column.gather(inserts) }
        }
        try! append(rows)  // same schema by construction
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
