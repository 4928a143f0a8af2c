// Vault+Benchmarks.swift: the loading kernels, reachable from the benchmark suites.

import VaultColumnar

/// Hub deduplication and satellite change detection on their own, without staging.
/// Exposed to the nested Benchmarks package only (`@_spi(Benchmarks) import VaultModel`).
@_spi(Benchmarks)
public enum LoadingKernels {
    /// Rows of the first occurrence of each distinct key of `keys` (a fixed_binary column), ascending.
    public static func firstOccurrences(_ keys: Column) -> [Int32] {
        Deduplicator.firstOccurrences(keys)
    }

    /// Loads a hub's or link's own rows into it again: dedupe within the batch, then every key
    /// probed against the index (all found, nothing inserted, so repeatable).
    public static func reloadKeys(_ store: KeyedStore, loadDate: Int64) -> LoadCounts {
        let table = store.table
        let width = table.columns.count
        let source = KeyedSource(keys: table.columns[0], attributes: Array(table.columns[1..<(width - 2)]),
                                 rows: Array(0..<Int32(table.count)), recordSource: table.columns[width - 1].text(at: 0) ?? "")
        return store.load([source], loadDate: loadDate, threads: 1).counts
    }

    /// Loads a satellite's own rows into it again: last version of each key in the batch, then its
    /// hashdiff compared with the version in force (all unchanged, nothing inserted, so repeatable).
    public static func reloadVersions(_ store: SatelliteStore, loadDate: Int64) -> LoadCounts {
        let c = store.table.columns
        return store.load(parentRows: store.parentRows(), rows: Array(Int32(SatelliteStore.ghostRows)..<Int32(store.table.count)),
                          parentKeys: c[0], hashdiffs: c[2], recordSource: c[3].text(at: 0) ?? "", payload: Array(c[4...]),
                          loadDate: loadDate, threads: 1)
    }
}
