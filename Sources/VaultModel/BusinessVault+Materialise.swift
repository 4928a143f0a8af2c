// BusinessVault+Materialise.swift: the business vault's tables as rows, for exports and inspection.

import VaultColumnar

extension Vault {
    /// The business-vault tables, materialised (PIT rows = hub keys × snapshot dates; bridge rows =
    /// link rows × the dates they are loaded by): for exports and inspection at moderate scales.
    public func businessTables() -> [Table] {
        business.pointInTimeTables.map { pointInTimeTable($0) } + [bridgeTable()]
    }

    /// Every table: the stored ones (``tables``) then the materialised business vault.
    public func allTables() -> [Table] { tables + businessTables() }

    /// `pit` as rows, ordered by snapshot date, then hub row.
    public func pointInTimeTable(_ pit: PointInTimeTable) -> Table {
        let schemas = VaultSchemas(strategy: strategy)
        var table = VaultSchemas.emptyTable(pit.definition.name, schemas.pointInTime(pit.definition))
        let hubKeys = hub(pit.definition.hub).keys
        let satellites = pit.definition.satellites.map { satellite($0) }
        let satelliteKeys = satellites.map(\.parentKeys), satelliteDates = satellites.map { $0.rows.stamps.loadDateColumn() }
        let hubRows = hubKeys.count
        table.withColumns { columns in
            for (d, day) in pit.dates.enumerated() {
                try! columns[0].append(contentsOf: hubKeys)
                var dates = Column(.date, capacity: hubRows)
                for _ in 0..<hubRows { dates.append(day) }
                try! columns[1].append(contentsOf: dates)
                for s in satellites.indices {
                    let refs = (0..<hubRows).map { pit.reference(date: d, satellite: s, hubRow: $0) }
                    try! columns[2 + 2 * s].append(contentsOf: satelliteKeys[s].gather(refs))
                    try! columns[3 + 2 * s].append(contentsOf: satelliteDates[s].gather(refs))
                }
            }
        }
        return table
    }

    /// The bridge as rows, ordered by snapshot date, then link row.
    public func bridgeTable() -> Table {
        let bridge = business.bridge, definition = bridge.definition
        let schemas = VaultSchemas(strategy: strategy)
        var table = VaultSchemas.emptyTable(definition.name, schemas.bridge(definition))
        let link = links.first { $0.name == definition.link }!
        let fromHub = link.hubs.firstIndex { $0.name == definition.fromHub }!, toHub = link.hubs.firstIndex { $0.name == definition.toHub }!
        let from = link.hubs[fromHub].keys(atRows: link.hubRows(fromHub)), key = link.keys
        let to = link.hubs[toHub].keys(atRows: link.hubRows(toHub))
        table.withColumns { columns in
            for (d, day) in bridge.dates.enumerated() {
                let rows = (0..<Int32(bridge.linkRows[d])).map { $0 }
                try! columns[0].append(contentsOf: from.gather(rows))
                var dates = Column(.date, capacity: rows.count)
                for _ in rows { dates.append(day) }
                try! columns[1].append(contentsOf: dates)
                try! columns[2].append(contentsOf: key.gather(rows))
                try! columns[3].append(contentsOf: to.gather(rows))
            }
        }
        return table
    }
}
