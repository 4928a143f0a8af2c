// BatchLog.swift: the record of every batch loaded, like seed 003's etl_batch_log.

import VaultColumnar

/// What loading one batch did: per table counts, per stage times, audit results.
public struct BatchReport: Sendable {
    public var batch: Int
    public var loadDate: Int64
    public var sourceRows: Int
    /// Counts by table name.
    public var tables: [String: LoadCounts] = [:]
    /// Microseconds by stage (`stage`, `hubs`, `links`, `satellites`, `audits`).
    public var stages: [String: Int64] = [:]
    public var auditFailures: [AuditFailure] = []

    public init(batch: Int, loadDate: Int64, sourceRows: Int) {
        self.batch = batch
        self.loadDate = loadDate
        self.sourceRows = sourceRows
    }

    /// The stage names in pipeline order.
    public static let stageOrder = ["stage", "hubs", "links", "satellites", "pit", "audits"]
}

/// The batch log: one row per batch and table.
///
/// `batch_id, load_date, table_name, rows_in, rows_inserted, rows_rejected, rows_duplicate,
/// rows_superseded, rows_unchanged, duration_us`
public struct BatchLog: Sendable {
    public private(set) var reports: [BatchReport] = []

    public static let schema = Schema([
        Field("batch_id", .int32, nullable: false), Field("load_date", .timestamp, nullable: false),
        Field("table_name", .string, nullable: false), Field("rows_in", .int64), Field("rows_inserted", .int64),
        Field("rows_rejected", .int64), Field("rows_duplicate", .int64), Field("rows_superseded", .int64),
        Field("rows_unchanged", .int64), Field("duration_us", .int64),
    ])

    mutating func record(_ report: BatchReport) { reports.append(report) }

    /// Table names in vault order.
    public static var tableOrder: [String] {
        RetailVault.hubs.map(\.name) + RetailVault.links.map(\.name) + RetailVault.satellites.map(\.name)
            + [RetailVault.phoneSatellite.name, RetailVault.promotionEffectivity.name]
    }

    /// The log as a table (`etl_batch_log`).
    public var table: Table {
        var table = Table(name: "etl_batch_log", schema: Self.schema, dictionaryEncoded: ["table_name"])
        table.withColumns { c in
            for report in reports {
                for name in Self.tableOrder {
                    let counts = report.tables[name] ?? LoadCounts()
                    c[0].append(Int32(report.batch))
                    c[1].append(report.loadDate)
                    c[2].append(string: name)
                    for (k, v) in [counts.rowsIn, counts.inserted, counts.rejected, counts.duplicates, counts.superseded, counts.unchanged].enumerated() {
                        c[3 + k].append(Int64(v))
                    }
                    c[9].append(counts.microseconds)
                }
            }
        }
        return table
    }
}
