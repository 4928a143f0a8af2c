// QueryContext.swift: what "in force at D" means for one query run.

import VaultColumnar
import VaultModel

/// The vault seen as of one date: which hub and link rows count and which satellite version of
/// each key is in force. Satellites covered by a point-in-time table are read through it when an
/// as-of date is given; the others are swept once.
struct QueryContext {
    let vault: Vault
    /// D, days since 1970.
    let day: Int32
    /// Whether an as-of date was given (otherwise every loaded row counts).
    let isAsOf: Bool

    init(vault: Vault, asOf: Int32?) throws {
        guard let last = vault.lastLoadedDay else { throw QueryError.emptyVault }
        self.vault = vault
        day = asOf ?? last
        isAsOf = asOf != nil
        if let asOf {
            let pit = vault.business.pointInTimeTables[0]
            guard pit.dateIndex(of: asOf) != nil else {
                throw QueryError.notASnapshotDate(Self.text(asOf), first: pit.dates.first.map(Self.text), last: pit.dates.last.map(Self.text))
            }
        }
    }

    static func text(_ day: Int32) -> String { CivilDate(daysSinceEpoch: Int(day)).description }

    func store(_ name: String) -> KeyedStore { vault.keyedStore(name)! }

    /// Rows of `table` that count: those loaded by D.
    func loadedRows(_ table: Table) -> Int { isAsOf ? Vault.rowsLoaded(by: day, in: table) : table.count }

    /// Rows of a hub or link that count: those loaded by D.
    func loadedRows(_ store: KeyedStore) -> Int {
        isAsOf ? store.rowsLoaded(by: day) : store.count
    }

    /// The satellite table called `name`.
    func satellite(_ name: String) -> Table { vault.table(name)! }

    /// Per row of the satellite's parent, the row in force at D (0: the ghost row, none).
    func inForce(_ name: String) -> [Int32] {
        let sat = vault.satelliteStore(name)!
        let parent = store(sat.definition.parent)
        if isAsOf, let pit = vault.business.pointInTimeTables.first(where: { $0.definition.satellites.contains(name) }),
           let d = pit.dateIndex(of: day) {
            let s = pit.definition.satellites.firstIndex(of: name)!
            return (0..<parent.count).map { pit.reference(date: d, satellite: s, hubRow: $0) }
        }
        return vault.versionsInForce(sat, on: isAsOf ? day : nil)
    }

    /// The hub row of a history query's key.
    func hubRow(_ key: String?, hub: String, kind: QueryKind) throws -> Int {
        guard let key else {
            let keys = store(hub).businessKeys
            throw QueryError.missingKey(kind, example: keys.count > 0 ? keys.string(at: 0) : nil)
        }
        guard let row = vault.hubRow(businessKey: key, hub: hub) else { throw QueryError.unknownKey(key, hub: hub) }
        return row
    }
}

/// Builds result columns from row references.
enum ResultColumns {
    /// `column` at `rows`, NULL where the row is the ghost (0) when `ghostIsNull`.
    static func pick(_ column: Column, _ rows: [Int32]) -> Column { column.gather(rows) }

    /// Load dates at `rows`, NULL for the ghost row (no version in force).
    static func loadDates(_ column: Column, _ rows: [Int32]) -> Column {
        var out = Column(.timestamp, capacity: rows.count)
        for row in rows { if row <= 0 { out.appendNull() } else { out.append(column.value(at: Int(row), as: Int64.self)) } }
        return out
    }

    /// A decimal column from optional units.
    static func decimals(_ values: [Int64?], scale: Int) -> Column {
        var out = Column(.decimal(precision: 18, scale: scale), capacity: values.count)
        for v in values { if let v { out.append(v) } else { out.appendNull() } }
        return out
    }

    /// An int64 column.
    static func integers(_ values: [Int64]) -> Column {
        var out = Column(.int64, capacity: values.count)
        for v in values { out.append(v) }
        return out
    }

    /// A string column from optional strings.
    static func strings(_ values: [String?]) -> Column {
        var out = Column(.string, capacity: values.count)
        for v in values { out.append(optionalString: v) }
        return out
    }

    /// A table from named columns (types taken from the columns).
    static func table(_ name: String, _ columns: [(String, Column)]) -> Table {
        let schema = Schema(columns.map { Field($0.0, $0.1.type) })
        return try! Table(name: name, schema: schema, columns: columns.map(\.1))  // columns built with equal counts
    }
}
