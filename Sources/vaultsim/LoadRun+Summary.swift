// LoadRun+Summary.swift: the text and JSON summaries of a load run.

import Foundation
import VaultColumnar
import VaultModel

extension LoadRun.Result {
    /// Total microseconds of each stage over all batches, `generate` first.
    var stageTotals: [(String, Int64)] {
        [("generate", generateMicros.reduce(0, +))] + BatchReport.stageOrder.map { stage in
            (stage, reports.reduce(0) { $0 + ($1.stages[stage] ?? 0) })
        }
    }

    func textSummary() -> String {
        var out = [String]()
        let g = generation
        let what = origin == "generated" ? "scale \(g.scale), seed \(g.seed)" : "from \(origin)"
        out.append("loaded \(reports.count) batches, \(what), \(vault.strategy), \(threads) threads: "
                   + "\(sourceRows) source rows in \(SystemInfo.format(seconds)) s")
        if rejectedSourceRows > 0 { out.append("rejected \(rejectedSourceRows) malformed source rows (see the reject file)") }
        var rows = [["table", "rows", "bytes in memory", "inserted", "rejected", "duplicate", "superseded", "ms"]]
        for name in BatchLog.tableOrder {
            guard let size = vault.storedSize(name) else { continue }
            let counts = reports.compactMap { $0.tables[name] }
            func sum(_ f: (LoadCounts) -> Int) -> String { String(counts.reduce(0) { $0 + f($1) }) }
            rows.append([name, String(size.rows), String(size.bytes), sum(\.inserted), sum(\.rejected),
                         sum(\.duplicates), sum(\.superseded), String(counts.reduce(0) { $0 + $1.microseconds } / 1000)])
        }
        for pit in vault.business.pointInTimeTables {
            let hubRows = vault.storedSize(pit.definition.hub)?.rows ?? 0
            rows.append([pit.definition.name, String(pit.rowCount(hubRows: hubRows)), String(pit.memoryFootprint), "", "", "", "", ""])
        }
        let bridge = vault.business.bridge
        rows.append([bridge.definition.name, String(bridge.rowCount), String(bridge.memoryFootprint), "", "", "", "", ""])
        out.append("")
        out.append(TextTable.render(rows, rightAligned: Set(1...7)))
        var batches = [["batch", "source rows"] + BatchReport.stageOrder.map { "\($0) ms" } + ["inserted", "rejected"]]
        for report in reports {
            let inserted = report.tables.values.reduce(0) { $0 + $1.inserted }
            let rejected = report.tables.values.reduce(0) { $0 + $1.rejected }
            batches.append([String(report.batch), String(report.sourceRows)]
                           + BatchReport.stageOrder.map { String((report.stages[$0] ?? 0) / 1000) }
                           + [String(inserted), String(rejected)])
        }
        out.append("")
        out.append(TextTable.render(batches, rightAligned: Set(0..<batches[0].count)))
        out.append("")
        let totals = stageTotals.map { "\($0.0) \($0.1 / 1000) ms" }.joined(separator: ", ")
        out.append("stages: \(totals)")
        let perLine = transactionLines > 0 ? Double(peakResidentBytes) / Double(transactionLines) : 0
        out.append("memory: vault \(vault.memoryFootprint) bytes in tables and indexes; peak resident \(peakResidentBytes) bytes "
                   + "(\(Int(perLine)) bytes per transaction line)")
        return out.joined(separator: "\n")
    }

    /// A JSON document with the same content (documented in the README).
    func jsonString() throws -> String {
        struct TableSummary: Codable { var table: String; var rows: Int; var bytes: Int; var counts: LoadCounts }
        struct BatchSummary: Codable { var batch: Int; var sourceRows: Int; var generateMicros: Int64; var stageMicros: [String: Int64]; var tables: [String: LoadCounts] }
        struct Summary: Codable {
            var scale: Double; var days: Int; var seed: UInt64; var strategy: String; var threads: Int
            var sourceRows: Int; var rejectedSourceRows: Int; var transactionLines: Int; var seconds: Double; var peakResidentBytes: Int
            var vaultBytes: Int; var stageMicros: [String: Int64]; var tables: [TableSummary]; var batches: [BatchSummary]
        }
        let tables = BatchLog.tableOrder.compactMap { name -> TableSummary? in
            guard let size = vault.storedSize(name) else { return nil }
            var total = LoadCounts()
            for counts in reports.compactMap({ $0.tables[name] }) {
                total.rowsIn += counts.rowsIn; total.inserted += counts.inserted; total.rejected += counts.rejected
                total.duplicates += counts.duplicates; total.superseded += counts.superseded
                total.unchanged += counts.unchanged; total.microseconds += counts.microseconds
            }
            return TableSummary(table: name, rows: size.rows, bytes: size.bytes, counts: total)
        }
        let batches = reports.enumerated().map { k, r in
            BatchSummary(batch: r.batch, sourceRows: r.sourceRows, generateMicros: generateMicros[k], stageMicros: r.stages, tables: r.tables)
        }
        let summary = Summary(scale: generation.scale, days: generation.days, seed: generation.seed,
                              strategy: vault.strategy.description, threads: threads, sourceRows: sourceRows, rejectedSourceRows: rejectedSourceRows,
                              transactionLines: transactionLines, seconds: seconds, peakResidentBytes: peakResidentBytes,
                              vaultBytes: vault.memoryFootprint, stageMicros: Dictionary(uniqueKeysWithValues: stageTotals),
                              tables: tables, batches: batches)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }
}
