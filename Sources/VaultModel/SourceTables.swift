// SourceTables.swift: one batch of source data, as the loader receives it.

import VaultColumnar

/// One batch of source tables (from the generator or from CSV files), with its load date.
public struct SourceTables: Sendable {
    /// Batch number (0 = the initial full extract).
    public var batch: Int
    /// Load date of every row of this batch: microseconds since the epoch, UTC.
    public var loadDate: Int64
    /// Tables by name (`customers`, `customer_phones`, `products`, `stores`, `promotions`,
    /// `product_promotions`, `transactions`); a missing table counts as empty.
    public var tables: [String: Table]

    public init(batch: Int, loadDate: Int64, tables: [Table]) {
        self.batch = batch
        self.loadDate = loadDate
        self.tables = Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Total source rows.
    public var rowCount: Int { tables.values.reduce(0) { $0 + $1.count } }

    /// The deterministic load date of batch `k`: midnight UTC of `baseDate` + k days.
    public static func loadDate(batch k: Int, baseDate: CivilDate) -> Int64 {
        Int64(baseDate.daysSinceEpoch + k) * 86_400_000_000
    }
}
