// CSVReaderPerformanceTests.swift: parse speed of a transactions-shaped CSV, printed in MB/s.
//
// Small by default; for a real measurement build in release and set the size:
//   VAULTSIM_CSV_BENCH_MB=200 swift test -c release --scratch-path .build-csv --filter CSVReaderPerformanceTests

import Foundation
import Testing
import VaultColumnar
import VaultExport
import VaultTestSupport

@Suite("CSV reader: parse speed")
struct CSVReaderPerformanceTests {
    /// The columns of the generator's transactions table.
    static let schema: Schema = {
        let money = ColumnType.decimal(precision: 10, scale: 2)
        return Schema([
            Field("transaction_id", .string), Field("line_item_number", .int32), Field("transaction_date", .date),
            Field("transaction_time", .time), Field("customer_id", .string), Field("product_id", .string),
            Field("store_id", .string), Field("promotion_id", .string), Field("quantity", .int32),
            Field("unit_price", money), Field("discount_amount", money), Field("tax_amount", money),
            Field("payment_method", .string),
        ])
    }()

    /// About `megabytes` MB of transactions CSV with a few NULLs and quoted fields.
    static func transactionsCSV(megabytes: Int) -> [UInt8] {
        let rows = megabytes * 1_000_000 / 125
        var rng = RepeatableRandomNumberGenerator(seed: 7)
        var table = Table(name: "transactions", schema: schema, capacity: rows, dictionaryEncoded: ["payment_method"])
        let methods = ["CREDIT_CARD", "CASH", "DEBIT_CARD", "MOBILE", "GIFT_CARD, \"promo\""]
        table.withColumns { c in
            for i in 0..<rows {
                c[0].append(string: "TXN-\(20_240_000_000 + i / 3)")
                c[1].append(Int32(i % 3 + 1))
                c[2].append(Int32(19_700 + i / 50_000))
                c[3].append(Int64(rng.next() % 86_400) * 1_000_000)
                if i % 50 == 0 { c[4].appendNull() } else { c[4].append(string: "CUST-\(rng.next() % 1_000_000)") }
                c[5].append(string: "PROD-\(rng.next() % 50_000)")
                c[6].append(string: "STORE-\(rng.next() % 500)")
                if i % 4 == 0 { c[7].append(string: "PROMO-\(rng.next() % 200)") } else { c[7].appendNull() }
                c[8].append(Int32(rng.next() % 10 + 1))
                c[9].append(Int64(rng.next() % 100_000))
                c[10].append(Int64(rng.next() % 1_000))
                c[11].append(Int64(rng.next() % 5_000))
                c[12].append(string: methods[Int(rng.next() % 5)])
            }
        }
        return CSVWriter().bytes(of: table)
    }

    @Test func parsingATransactionsFileReportsItsSpeed() throws {
        let megabytes = ProcessInfo.processInfo.environment["VAULTSIM_CSV_BENCH_MB"].flatMap(Int.init) ?? 2
        let bytes = Self.transactionsCSV(megabytes: megabytes)
        let reader = CSVReader(tableName: "transactions", schema: Self.schema, dictionaryEncoded: ["payment_method"])
        var best = Double.infinity
        var rows = 0
        for _ in 0..<3 {
            let start = ContinuousClock.now
            let result = try reader.read(bytes, file: "transactions.csv")
            let elapsed = ContinuousClock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            rows = result.table.count
            #expect(result.rejects.isEmpty)
        }
        let mb = Double(bytes.count) / 1e6
        print("csv.read.transactions: \(Int(mb)) MB, \(rows) rows in \(best) s: "
              + "\(Int(mb / best)) MB/s, \(Int(Double(rows) / best)) rows/s")
        #expect(rows > 0)
    }
}
