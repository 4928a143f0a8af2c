// VaultBenchmarks.swift: loading a batch (hub dedupe, link and satellite change detection) and
// saving / restoring a snapshot; the kernels on their own are in KernelBenchmarks.swift.

import Benchmark
import VaultColumnar
import VaultGenerator
import VaultHashing
import VaultModel
import VaultSnapshot

#if canImport(Glibc)
import Glibc
#endif

/// The first two batches of a feed at `scale`, as the loader receives them.
func batches(scale: Double) -> [SourceTables] {
    let generator = RetailGenerator(options: GeneratorOptions(scale: scale, days: 2, seed: 42))
    return (0..<2).map { k in
        let batch = generator.batch(k, threads: 1)
        return SourceTables(batch: k, loadDate: Int64(batch.businessDate) * 86_400_000_000, tables: batch.tables)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(5),
        maxIterations: 20
    )
    let feed = batches(scale: 10)

    for algorithm in HashAlgorithm.allCases {
        for format in KeyFormat.allCases {
            // Batch 0 into an empty vault: mostly hub and link inserts.
            Benchmark("vault.load.batch0.scale10.\(algorithm.rawValue).\(format.rawValue)") { benchmark in
                for _ in benchmark.scaledIterations {
                    let vault = Vault(strategy: HashStrategy(algorithm: algorithm, keyFormat: format), threads: 1)
                    blackHole(try vault.load(feed[0]))
                }
            }
        }
    }

    // Batch 1 on top of batch 0: hub dedupe against existing keys and satellite change detection.
    Benchmark("vault.load.batch1.scale10.md5.binary") { benchmark in
        for _ in benchmark.scaledIterations {
            benchmark.stopMeasurement()
            let vault = Vault(strategy: HashStrategy(), threads: 1)
            _ = try vault.load(feed[0])
            benchmark.startMeasurement()
            blackHole(try vault.load(feed[1]))
        }
    }

    let vault = Vault(strategy: HashStrategy(), threads: 1)
    for batch in feed { _ = try? vault.load(batch) }
    registerKernelBenchmarks(vault)
    var template = Array("/tmp/vaultsim-bench-XXXXXX".utf8CString)
    let folder = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) } + "/snap"
    let metadata = SnapshotMetadata(vaultsimVersion: "bench", hashStrategy: "md5/binary/automatedv")
    Benchmark("snapshot.save.scale10") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try SnapshotWriter.save(tables: vault.tables, metadata: metadata, to: folder, level: 3, threads: 2))
        }
    }
    Benchmark("snapshot.restore.scale10") { benchmark in
        benchmark.stopMeasurement()
        _ = try SnapshotWriter.save(tables: vault.tables, metadata: metadata, to: folder, level: 3, threads: 2)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try SnapshotReader.restore(from: folder, threads: 2))
        }
    }
}
