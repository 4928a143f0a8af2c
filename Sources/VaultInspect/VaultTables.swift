// VaultTables.swift: the tables of one vault, by name, with the hash strategy that keyed them.

import VaultColumnar
import VaultHashing

/// Every table of a vault (loaded in this process or restored from a snapshot) and the hash
/// strategy its keys were computed with. Nothing here knows the vault's table list: whatever the
/// vault holds (raw vault, business vault, batch log) is shown, in the vault's order.
public struct VaultTables: Sendable {
    public let tables: [Table]
    public let strategy: HashStrategy

    public init(tables: [Table], strategy: HashStrategy) {
        self.tables = tables
        self.strategy = strategy
    }

    /// The table called `name`; an error listing every table otherwise.
    public func table(named name: String) throws(InspectError) -> Table {
        guard let table = tables.first(where: { $0.name == name }) else {
            throw .unknownTable(name, valid: tables.map(\.name))
        }
        return table
    }

    /// One row per table: name, rows, bytes in memory, columns.
    public var listing: Grid {
        var grid = Grid(columns: [GridColumn("table"), GridColumn("rows", .number), GridColumn("bytes", .number),
                                  GridColumn("columns", .number)])
        for table in tables {
            grid.append([table.name, String(table.count), String(table.memoryFootprint), String(table.schema.count)])
        }
        return grid
    }
}
