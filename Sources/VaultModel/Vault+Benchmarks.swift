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
        let stored = store.stored
        let source = KeyedSource(table: store.name, keys: stored.columns[0], attributes: Array(stored.columns[1...]),
                                 rows: Array(0..<Int32(store.count)), recordSource: store.stamps.recordSource(ofRow: 0))
        return store.load([source], loadDate: loadDate, threads: 1).counts
    }

    /// Loads a satellite's own rows into it again: last version of each key in the batch, then its
    /// hashdiff compared with the version in force (all unchanged, nothing inserted, so repeatable).
    public static func reloadVersions(_ store: SatelliteStore, loadDate: Int64) -> LoadCounts {
        return store.load(parentRows: store.parentRows(), rows: Array(Int32(SatelliteStore.ghostRows)..<Int32(store.count)),
                          hashdiffs: store.hashdiffs, recordSource: store.rows.stamps.recordSource(ofRow: 0),
                          payload: store.rows.payloadColumns, loadDate: loadDate, threads: 1)
    }
}
