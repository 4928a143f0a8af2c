// KernelBenchmarks.swift: hub deduplication, key probing, satellite change detection and one snapshot
// chunk's encode and decode, each on its own (no staging, no files).

import Benchmark
import VaultColumnar
@_spi(Benchmarks) import VaultModel
@_spi(Benchmarks) import VaultSnapshot

/// These benchmarks' malloc counts are gated by scripts/bench-thresholds against Benchmarks/Thresholds/;
/// a few allocations of slack at p90 absorb the harness's own occasional allocations.
var gated: Benchmark.Configuration { .init(thresholds: [.mallocCountTotal: .init(absolute: [.p90: 8])]) }

/// The kernels measured on a vault loaded with the first two batches at scale 10.
func registerKernelBenchmarks(_ vault: Vault) {
    let links = vault.links
    let hubs = vault.hubs
    let satellites = vault.satellites
    // A day after the vault's last load: reloading inserts nothing, so every iteration does the same work.
    let later = vault.latestLoadDate + 86_400_000_000
    let sales = links[0].table
    // link_sales.hub_customer_hk: one row per sales line, about ten lines per customer.
    let customerKeys = sales.columns[1]
    Benchmark("vault.hub.dedupe.salesCustomerKeys.scale10", configuration: gated) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(LoadingKernels.firstOccurrences(customerKeys))
        }
    }
    // hub_transaction reloaded: every key found in the index.
    let transactions = hubs[3]
    Benchmark("vault.hub.probe.transactions.scale10", configuration: gated) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(LoadingKernels.reloadKeys(transactions, loadDate: later))
        }
    }
    // sat_sales_metrics and sat_customer_contact reloaded: last version per key, hashdiff against the version in force.
    for (label, index) in [("salesMetrics", satellites.count - 1), ("customerContact", 1)] {
        let store = satellites[index]
        Benchmark("vault.satellite.changes.\(label).scale10", configuration: gated) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(LoadingKernels.reloadVersions(store, loadDate: later))
            }
        }
    }
    // One 65,536-row chunk: unique link keys (stored raw) and repeated hub keys (key dictionary).
    let rows = min(65_536, sales.count / 64 * 64)
    for (label, column) in [("uniqueKeys", sales.columns[0]), ("repeatedKeys", sales.columns[1])] {
        guard rows > 0, let sample = try? ChunkCodecSample(column, first: 0, count: rows) else { continue }
        Benchmark("snapshot.chunk.save.\(label)", configuration: gated) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try sample.encode(column))
            }
        }
        Benchmark("snapshot.chunk.restore.\(label)", configuration: gated) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try sample.decode())
            }
        }
    }
}
