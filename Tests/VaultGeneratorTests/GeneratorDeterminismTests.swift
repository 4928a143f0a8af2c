// GeneratorDeterminismTests.swift: the same options give the same tables, on any threads or shards.

import Testing
import VaultColumnar
@testable import VaultGenerator

/// All batches `0..<days` of a generator.
func allBatches(_ options: GeneratorOptions, threads: Int = 1) -> [SourceBatch] {
    let generator = RetailGenerator(options: options)
    return (0..<options.days).map { generator.batch($0, threads: threads) }
}

@Suite struct GeneratorDeterminismTests {
    @Test func sameSeedGivesIdenticalTables() {
        let options = GeneratorOptions(scale: 0.1, days: 3, seed: 7)
        let a = allBatches(options), b = allBatches(options)
        for (x, y) in zip(a, b) {
            #expect(x.tables == y.tables, "batch \(x.index) differs between two runs")
        }
    }

    @Test func differentSeedsGiveDifferentTables() {
        let a = allBatches(GeneratorOptions(scale: 0.05, days: 1, seed: 1))
        let b = allBatches(GeneratorOptions(scale: 0.05, days: 1, seed: 2))
        #expect(a[0]["customers"] != b[0]["customers"])
    }

    @Test func threadCountDoesNotChangeTheOutput() {
        // Scale 2 makes several chunks per table, so the parallel path really splits.
        let options = GeneratorOptions(scale: 2, days: 2, seed: 42)
        let one = allBatches(options, threads: 1), two = allBatches(options, threads: 2), three = allBatches(options, threads: 3)
        for k in 0..<options.days {
            #expect(one[k].tables == two[k].tables, "batch \(k): 1 vs 2 threads")
            #expect(one[k].tables == three[k].tables, "batch \(k): 1 vs 3 threads")
        }
    }

    @Test func shardsConcatenatedEqualTheWholeOutput() throws {
        let whole = allBatches(GeneratorOptions(scale: 0.3, days: 3, seed: 5))
        let shards = (0..<3).map { i in
            allBatches(GeneratorOptions(scale: 0.3, days: 3, seed: 5, shard: Shard(index: i, count: 3)), threads: 2)
        }
        for k in 0..<3 {
            for t in SourceSchemas.tableNames.indices {
                var joined = shards[0][k].tables[t]
                for s in 1..<3 { try joined.append(shards[s][k].tables[t]) }
                #expect(joined == whole[k].tables[t], "batch \(k) table \(SourceSchemas.tableNames[t])")
                #expect(shards.allSatisfy { $0[k].tables[t].count <= whole[k].tables[t].count })
            }
        }
    }

    @Test func askingForAnEarlierBatchRegeneratesIt() {
        let options = GeneratorOptions(scale: 0.05, days: 3)
        let generator = RetailGenerator(options: options)
        let first = generator.batch(0, threads: 1)
        _ = generator.batch(1, threads: 1)
        let again = generator.batch(0, threads: 1)
        #expect(first.tables == again.tables)
        // Skipping ahead gives the same batch as walking there.
        let skipped = RetailGenerator(options: options).batch(2, threads: 1)
        #expect(skipped.tables == allBatches(options)[2].tables)
    }

    @Test func tablesComeInTheDocumentedOrderWithTheirSchemas() {
        let batch = RetailGenerator(options: GeneratorOptions(scale: 0.05, days: 1)).batch(0, threads: 1)
        #expect(batch.tables.map(\.name) == SourceSchemas.tableNames)
        #expect(batch.tables.map(\.schema) == SourceSchemas.all)
        #expect(batch["customers"]["gender"].isDictionaryEncoded)
        #expect(!batch["customers"]["email"].isDictionaryEncoded)
        #expect(batch.businessDate == CivilDate(year: 2024, month: 1, day: 1).daysSinceEpoch)
    }
}
