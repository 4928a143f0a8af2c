// Vault+Lookup.swift: read access for queries and inspection: rows by key, parents, load-date prefixes.

import VaultColumnar

extension Vault {
    /// The hub or link called `name`.
    public func keyedStore(_ name: String) -> KeyedStore? { (hubs + links).first { $0.name == name } }

    /// The satellite called `name` (of the 8 raw satellites).
    public func satelliteStore(_ name: String) -> SatelliteStore? { satellites.first { $0.definition.name == name } }

    /// The row of `hub` whose business key is `key` once cleaned as the loader cleans keys
    /// (trimmed, uppercased), or `nil`.
    public func hubRow(businessKey key: String, hub name: String) -> Int? {
        guard let store = keyedStore(name) else { return nil }
        var raw = Column(.string)
        raw.append(string: key)
        let cleaned = BusinessKeyText.clean(raw)
        let businessKeys = store.businessKeys
        return cleaned.withBytes(at: 0) { wanted in
            (0..<businessKeys.count).first { row in businessKeys.withBytes(at: row) { $0.elementsEqual(wanted) } }
        }
    }

    /// Rows of an insert-only table (hub, link or satellite, after its ghost rows) loaded on or
    /// before calendar day `day`: a prefix, since rows are appended in load-date order.
    public static func rowsLoaded(by day: Int32, in table: Table, from start: Int = 0) -> Int {
        let limit = (Int64(day) + 1) * GhostRecord.microsPerDay
        var low = start, high = table.count
        table["load_date"].withUnsafeValues(as: Int64.self) { values in
            while low < high {
                let mid = (low + high) / 2
                if values[mid] < limit { low = mid + 1 } else { high = mid }
            }
        }
        return low
    }

    /// For each row of `parent`, the row of `satellite` in force on `day` (the key's latest version
    /// loaded by then; `nil`: every loaded version counts), or 0 (the ghost row) where none is.
    /// One sweep over the satellite's parent rows.
    public func versionsInForce(_ satellite: SatelliteStore, on day: Int32?) -> [Int32] {
        let bound = day.map(satellite.rowsLoaded(by:)) ?? satellite.count
        var inForce = [Int32](repeating: 0, count: satellite.parent.count)
        guard bound > SatelliteStore.ghostRows else { return inForce }
        satellite.parentRowColumn.withUnsafeValues(as: Int32.self) { parents in
            for row in SatelliteStore.ghostRows..<bound where parents[row] >= 0 { inForce[Int(parents[row])] = Int32(row) }
        }
        return inForce
    }

    /// The calendar day of the last loaded batch, or `nil` before the first.
    public var lastLoadedDay: Int32? { latestLoadDate == .min ? nil : BusinessVault.day(of: latestLoadDate) }
}
