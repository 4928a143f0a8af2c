import Testing
import VaultColumnar
import VaultHashing
@testable import VaultModel

/// Hub and link loads report each source row's row, and satellites find versions by those rows.
@Suite struct ParentRowTests {
    /// A binary key column whose row `i` holds key number `ids[i]` (NULL for a negative id).
    static func keys(_ ids: [Int]) -> Column {
        var column = Column(.fixedBinary(width: 16))
        for id in ids {
            if id < 0 { column.appendNull(); continue }
            withUnsafeBytes(of: (UInt64(id) &* 0x9E37_79B9_7F4A_7C15, UInt64(id))) { column.append(binary: $0) }
        }
        return column
    }

    static func hub() -> KeyedStore {
        KeyedStore(name: "hub_customer", schema: VaultSchemas(strategy: HashStrategy(algorithm: .md5, keyFormat: .binary))
            .hub(RetailVault.hubs[0]))
    }

    static func source(_ ids: [Int], names: [String]) -> KeyedSource {
        var text = Column(.string)
        for name in names { text.append(string: name) }
        let keys = keys(ids)
        return KeyedSource(table: "customers", keys: keys, attributes: [text], rows: (0..<Int32(ids.count)).filter { ids[Int($0)] >= 0 },
                           recordSource: "TEST", cleansBusinessKeys: true)
    }

    @Test func keyedLoadsReportTheRowOfEverySourceRow() {
        let hub = Self.hub()
        let first = Self.source([7, 3, 7, -1, 9], names: [" c7", "c3 ", "C7", "", "c9"])
        let (counts, rows) = hub.load([first], loadDate: 1, threads: 1)
        #expect(counts.inserted == 3 && counts.duplicates == 1)
        #expect(rows.count == 1)
        #expect((0..<5).map { rows[0][$0] } == [0, 1, 0, -1, 2])
        // Business keys are cleaned as they are stored, and only the first occurrence is.
        #expect((0..<3).map { hub.table.columns[1].text(at: $0) } == ["C7", "C3", "C9"])

        // A second batch with two sources: known keys keep their rows, new ones follow on.
        let a = Self.source([9, 11], names: ["c9", "c11"]), b = Self.source([11, 3, 12], names: ["c11", "c3", "c12"])
        let (again, more) = hub.load([a, b], loadDate: 2, threads: 1)
        #expect(again.inserted == 2 && again.duplicates == 1 && again.unchanged == 2)
        #expect((0..<2).map { more[0][$0] } == [2, 3])
        #expect((0..<3).map { more[1][$0] } == [3, 1, 4])
    }

    @Test func satelliteVersionsByParentRowMatchOnOneAndTwoThreads() {
        // 100,000 candidate rows over 30,000 parents: enough for both threads to take jobs.
        let n = 100_000, parents = 30_000
        let ids = (0..<n).map { ($0 &* 7_919) % parents }
        var results = [(LoadCounts, [Int32], Table)]()
        for threads in [1, 2] {
            let vault = Vault(strategy: HashStrategy(algorithm: .md5, keyFormat: .binary), threads: threads)
            let satellite = vault.satellite("sat_customer_details"), hub = satellite.parent
            let (_, rows) = hub.load([Self.source(ids, names: ids.map { "C\($0)" })], loadDate: 10, threads: threads)
            // Hashdiffs: a row's version is its number modulo 3, so some repeats are identical.
            let diffs = Self.keys((0..<n).map { $0 % 3 })
            let payload = satellite.definition.payload.map { field in
                var column = Column(field.type)
                for _ in 0..<n { column.appendNull() }
                return column
            }
            let counts = satellite.load(parentRows: rows[0], rows: Array(0..<Int32(n)), hashdiffs: diffs,
                                        recordSource: "TEST", payload: payload, loadDate: 10, threads: threads)
            results.append((counts, satellite.previousVersions, satellite.table))

            // The same batch again, at the same load date, inserts nothing.
            let repeatCounts = satellite.load(parentRows: rows[0], rows: Array(0..<Int32(n)),
                                              hashdiffs: diffs, recordSource: "TEST", payload: payload, loadDate: 10, threads: threads)
            #expect(repeatCounts.inserted == 0 && repeatCounts.unchanged == parents)
        }
        let (counts, previous, table) = results[0]
        #expect(counts.inserted == parents)
        #expect(counts.duplicates + counts.superseded == n - parents)
        #expect(previous.allSatisfy { $0 == -1 })
        // A plain scan: each parent's last row in source order is its version.
        var last = [Int](repeating: -1, count: parents)
        for row in 0..<n { last[ids[row]] = row }
        let expectedOrder = last.sorted()
        table.columns[2].withFixedKeys { stored in
            Self.keys(expectedOrder.map { $0 % 3 }).withFixedKeys { expected in
                for k in 0..<parents { #expect(memcmp(stored.key(k + 1), expected.key(k), 16) == 0) }
            }
        }
        #expect(results[1].0.inserted == counts.inserted && results[1].0.duplicates == counts.duplicates
                && results[1].0.superseded == counts.superseded)
        #expect(results[1].2.columns.map(\.values) == table.columns.map(\.values))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
