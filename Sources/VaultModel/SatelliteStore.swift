// SatelliteStore.swift: an insert-only satellite and the index of each parent key's latest row.

import VaultColumnar

/// A satellite: versions of a parent's attributes, inserted only when the hashdiff differs from
/// the version in force (AutomateDV semantics). Nothing is updated in place; `load_end_date` is
/// derived from the next version's `load_date` (see ``Vault/satelliteWithEndDates(_:)``).
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
    var auditedRows = 0
    /// For each row appended by the last load: the row of the version it follows (-1: first version).
    var previousVersions = [Int32]()

    init(definition: SatelliteDefinition, schema: Schema) {
        self.definition = definition
        table = VaultSchemas.emptyTable(definition.name, schema)
    }

    /// The row of the latest version of `key`, if any.
    func latestRow(of key: UnsafeRawPointer, width: Int) -> Int32? {
        guard table.count > 0 else { return nil }
        return table.columns[0].withFixedKeys { keys in
            let slot = latest.probe(key, hash: ByteHash.hash(key, width), in: keys)
            return slot >= 0 ? latest.row(atSlot: slot) : nil
        }
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
                var local = KeyIndex(capacity: keys.count)
                var lastOf = [Int32]()  // per distinct key (in first-seen order): its latest row
                var distinct = [Int32]()  // local index rows point into `distinct` order via row numbers
                lastOf.reserveCapacity(keys.count)
                for i in 0..<keys.count {
                    let slot = local.probe(keys.key(i), hash: keys.hash(i), in: keys)
                    if slot < 0 {
                        local.insert(row: Int32(i), keys: keys)
                        distinct.append(Int32(i))
                        lastOf.append(Int32(i))
                    } else {
                        // The local index keeps the first row of the key; find its position in `distinct`.
                        let first = local.row(atSlot: slot)
                        let position = Self.position(of: first, in: distinct)
                        let previous = Int(lastOf[position])
                        if memcmp(diffs.key(previous), diffs.key(i), diffs.width) == 0 { counts.duplicates += 1 } else { counts.superseded += 1 }
                        lastOf[position] = Int32(i)
                    }
                }
                kept = lastOf.sorted()
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
        var rows = VaultSchemas.emptyTable(table.name, table.schema)
        rows.withColumns { columns in
            columns[0] = parentKeys.gather(inserts)
            columns[1] = Column.constant(timestamp: loadDate, count: inserts.count)
            columns[2] = hashdiffs.gather(inserts)
            columns[3] = recordSources.gather(inserts)
            for (k, column) in payload.enumerated() { columns[4 + k] = column.gather(inserts) }
        }
        try! table.append(rows)  // same schema by construction
        table.columns[0].withFixedKeys { tableKeys in
            for (k, slot) in updateSlots.enumerated() {
                let row = Int32(start + k)
                if slot >= 0 { latest.update(slot: slot, row: row) } else { latest.insert(row: row, keys: tableKeys) }
            }
        }
        return counts
    }

    /// The position of `row` in the ascending list `distinct` (binary search).
    private static func position(of row: Int32, in distinct: [Int32]) -> Int {
        var lo = 0, hi = distinct.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if distinct[mid] < row { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Bytes of the table and its index.
    public var memoryFootprint: Int { table.memoryFootprint + latest.memoryFootprint }

    /// Replaces the table (restoring a snapshot) and rebuilds the latest-version index.
    func restore(_ restored: Table) {
        precondition(restored.schema == table.schema)
        table = restored
        latest = KeyIndex(capacity: restored.count)
        auditedRows = restored.count
        previousVersions = []
        table.columns[0].withFixedKeys { keys in
            for row in 0..<table.count {
                let slot = latest.probe(keys.key(row), hash: keys.hash(row), in: keys)
                if slot >= 0 { latest.update(slot: slot, row: Int32(row)) } else { latest.insert(row: Int32(row), keys: keys) }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
