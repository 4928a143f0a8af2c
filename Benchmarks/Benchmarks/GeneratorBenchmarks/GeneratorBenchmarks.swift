// GeneratorBenchmarks.swift: speed of the retail source generator and of the CSV encoder.

import Benchmark
import VaultColumnar
import VaultExport
import VaultGenerator

/// Rows in all tables of a batch, the unit of the throughput metric.
private func rows(_ batch: SourceBatch) -> Int { batch.rowCount }

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 20
    )

    // Batch 0: the full extract of all master data plus day 0's sales.
    for scale in [1, 10] {
        Benchmark("generator.batch0.scale\(scale)") { benchmark in
            for _ in benchmark.scaledIterations {
                let generator = RetailGenerator(options: GeneratorOptions(scale: Double(scale), days: 1))
                blackHole(rows(generator.batch(0, threads: 1)))
            }
        }
    }

    // A later day (batch 2): a fresh generator fast-forwards the master state over days 0-1
    // (cheap, no rows emitted) and emits batch 2: changed master rows plus a day of sales.
    Benchmark("generator.day.scale10") { benchmark in
        let options = GeneratorOptions(scale: 10, days: 3)
        for _ in benchmark.scaledIterations {
            let generator = RetailGenerator(options: options)
            blackHole(rows(generator.batch(2, threads: 1)))
        }
    }

    // A whole week on one thread, as `vaultsim generate --scale 20 --days 7 --threads 1 --discard`
    // times it: seven batches in order, the rows/s figure of the README's "Measured".
    Benchmark("generator.week.scale20") { benchmark in
        let options = GeneratorOptions(scale: 20, days: 7)
        for _ in benchmark.scaledIterations {
            let generator = RetailGenerator(options: options)
            var total = 0
            for k in 0..<7 { total += rows(generator.batch(k, threads: 1)) }
            blackHole(total)
        }
    }

    // The same day on two threads (bytes identical to one thread; only the time changes).
    Benchmark("generator.day.scale10.threads2") { benchmark in
        let options = GeneratorOptions(scale: 10, days: 3)
        for _ in benchmark.scaledIterations {
            let generator = RetailGenerator(options: options)
            blackHole(rows(generator.batch(2, threads: 2)))
        }
    }

    // CSV encoding of a day of sales (in memory, no file system).
    Benchmark("export.csv.transactions.scale10") { benchmark in
        let batch = RetailGenerator(options: GeneratorOptions(scale: 10, days: 1)).batch(0, threads: 1)
        let sales = batch["transactions"]
        let writer = CSVWriter()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var bytes = 0
            writer.encode(sales) { (chunk: UnsafeRawBufferPointer) in bytes += chunk.count }
            blackHole(bytes)
        }
    }
}
