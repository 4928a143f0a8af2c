// BridgeTable.swift: for each snapshot date, the link rows loaded by then.

import VaultColumnar

/// A bridge (AutomateDV `bridge`) from one hub through a link to another, per snapshot date:
/// the link's rows loaded on or before the date, with the two hub keys. A link without an
/// effectivity satellite never ends a row, and its rows are appended in load-date order, so the
/// rows of a date are a prefix of the link table: the bridge keeps one count per date and
/// gathers the keys when materialised.
public final class BridgeTable: @unchecked Sendable {
    public let definition: BridgeDefinition
    /// Snapshot dates, days since 1970, ascending.
    public private(set) var dates: [Int32] = []
    /// Per snapshot date: link rows loaded by then (a prefix of the link table).
    public private(set) var linkRows: [Int] = []

    init(definition: BridgeDefinition) {
        self.definition = definition
    }

    /// Recounts the prefix of each date from the link's load-date runs.
    func refresh(dates newDates: [Int32], link: KeyedStore) {
        dates = newDates
        linkRows = newDates.map(link.rowsLoaded(by:))
    }

    /// Rows of the materialised bridge.
    public var rowCount: Int { linkRows.reduce(0, +) }

    /// Bytes held by the counts (from element counts, not array capacities, so that the figure
    /// is the same in every run).
    public var memoryFootprint: Int { linkRows.count * 8 + dates.count * 4 }
}
