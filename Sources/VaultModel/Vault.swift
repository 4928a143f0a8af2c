// Vault.swift: the in-memory raw vault and its batch loader.

import Dispatch
import VaultColumnar
import VaultHashing

/// The retail vault in memory: 5 hubs, 2 links, 8 satellites, the multi-active and effectivity
/// satellites, the business vault (PITs, bridge), the batch log, and the loader that stages and
/// loads batches into them.
///
/// Loading one batch: staging (every hash once), then the tables on `threads` cores in seed 003's
/// order (hubs, links, satellites), each table as soon as what it reads is loaded (a satellite
/// after its parent, `sat_sales_metrics` after the product pricing too; see ``loadTables(_:staging:into:)``),
/// then audits. No two jobs write the same table, so the result is identical byte for byte to a
/// single-threaded run.
public final class Vault: @unchecked Sendable {
    public let strategy: HashStrategy
    public let threads: Int
    public let hubs: [KeyedStore]
    public let links: [KeyedStore]
    public let satellites: [SatelliteStore]
    /// `sat_customer_phone_ma`: the multi-active satellite of customer phones.
    public let phones: MultiActiveSatelliteStore
    /// `sat_product_promotion_eff`: the effectivity satellite of `link_product_promotion`.
    public let promotionEffectivity: EffectivitySatelliteStore
    /// The point-in-time tables and the bridge, refreshed after every batch.
    public let business = BusinessVault()
    /// Per batch and table: rows in, inserted, rejected, duration.
    public private(set) var batchLog = BatchLog()
    /// Batches loaded, in order.
    public private(set) var loadedBatches = [Int]()
    /// The latest load date loaded.
    public internal(set) var latestLoadDate: Int64 = .min
    /// The first load date loaded.
    public internal(set) var firstLoadDate: Int64 = .max
    /// The ghost record every satellite starts with.
    public let ghost: GhostRecord
    /// Run audits after every batch.
    public var auditsEnabled = true
    /// Refresh the business vault after every batch (the `pit` stage); when off, call
    /// ``rebuildBusinessVault()`` once the batches are loaded.
    public var businessVaultRefreshEnabled = true

    let stager: Stager

    public init(strategy: HashStrategy, threads: Int = 1) {
        self.strategy = strategy
        self.threads = max(1, threads)
        let schemas = VaultSchemas(strategy: strategy)
        let hubs = RetailVault.hubs.map { KeyedStore(name: $0.name, schema: schemas.hub($0)) }
        let links = RetailVault.links.map { link in
            KeyedStore(name: link.name, schema: schemas.link(link), hubs: link.hubs.map { name in hubs.first { $0.name == name }! })
        }
        self.hubs = hubs
        self.links = links
        let ghost = GhostRecord(strategy: strategy)
        self.ghost = ghost
        satellites = RetailVault.satellites.map { definition in
            let parent = (hubs + links).first { $0.name == definition.parent }!
            return SatelliteStore(definition: definition, schema: schemas.satellite(definition), ghost: ghost, parent: parent)
        }
        phones = MultiActiveSatelliteStore(definition: RetailVault.phoneSatellite, schema: schemas.satellite(RetailVault.phoneSatellite), ghost: ghost,
                                           parent: hubs.first { $0.name == RetailVault.phoneSatellite.parent }!)
        promotionEffectivity = EffectivitySatelliteStore(definition: RetailVault.promotionEffectivity,
                                                         schema: schemas.effectivity(RetailVault.promotionEffectivity), ghost: ghost)
        stager = Stager(strategy: strategy, threads: threads)
    }

    /// Every stored vault table: hubs, links, satellites, then the multi-active and effectivity
    /// satellites. The point-in-time tables and the bridge are derived: see ``businessTables()``.
    public var tables: [Table] {
        hubs.map(\.table) + links.map(\.table) + satellites.map(\.table) + [phones.table, promotionEffectivity.table]
    }

    /// The rows of the table called `name` and the bytes its store really holds (stored columns,
    /// load stamps, index), without building the table; `nil` for an unknown name.
    public func storedSize(_ name: String) -> (rows: Int, bytes: Int)? {
        if let store = keyedStore(name) { return (store.count, store.memoryFootprint) }
        if let store = satelliteStore(name) { return (store.count, store.memoryFootprint) }
        if phones.definition.name == name { return (phones.count, phones.memoryFootprint) }
        if promotionEffectivity.definition.name == name { return (promotionEffectivity.table.count, promotionEffectivity.memoryFootprint) }
        return nil
    }

    /// The table called `name` (only that table is built from its store).
    public func table(_ name: String) -> Table? {
        if let store = keyedStore(name) { return store.table }
        if let store = satelliteStore(name) { return store.table }
        if phones.definition.name == name { return phones.table }
        return promotionEffectivity.definition.name == name ? promotionEffectivity.table : nil
    }

    func hub(_ name: String) -> KeyedStore { hubs.first { $0.name == name }! }
    func satellite(_ name: String) -> SatelliteStore { satellites.first { $0.definition.name == name }! }

    /// Loads one batch. A batch whose load date is not after the latest loaded one inserts nothing
    /// (re-loading is idempotent); its rows are still counted in the log.
    @discardableResult
    public func load(_ source: SourceTables) throws -> BatchReport {
        var report = BatchReport(batch: source.batch, loadDate: source.loadDate, sourceRows: source.rowCount)
        let clock = ContinuousClock()
        let (staged, staging) = stager.plan(source)
        loadTables(staged, staging: staging, into: &report)
        loadedBatches.append(source.batch)
        latestLoadDate = max(latestLoadDate, source.loadDate)
        firstLoadDate = min(firstLoadDate, source.loadDate)
        if businessVaultRefreshEnabled {
            report.stages["pit"] = Timing.measure(clock) { self.business.refresh(self) }
        }
        if auditsEnabled {
            report.stages["audits"] = Timing.measure(clock) { report.auditFailures = Audits.run(self, threads: threads) }
        }
        batchLog.record(report)
        if let failure = report.auditFailures.first { throw VaultError.auditFailed(failure) }
        return report
    }

    /// Builds the point-in-time tables and the bridge from scratch (one sweep per satellite);
    /// returns the microseconds it took.
    @discardableResult
    public func rebuildBusinessVault() -> Int64 {
        Timing.measure(ContinuousClock()) { business.rebuild(self) }
    }


    /// Bytes held by every table and index.
    public var memoryFootprint: Int {
        hubs.reduce(0) { $0 + $1.memoryFootprint } + links.reduce(0) { $0 + $1.memoryFootprint }
            + satellites.reduce(0) { $0 + $1.memoryFootprint } + phones.memoryFootprint + promotionEffectivity.memoryFootprint
            + business.memoryFootprint
    }
}

/// Errors of loading and auditing.
public enum VaultError: Error, CustomStringConvertible, Equatable {
    case auditFailed(AuditFailure)
    case restoreMismatch(String)

    public var description: String {
        switch self {
        case .auditFailed(let failure): return "audit failed: \(failure)"
        case .restoreMismatch(let what): return "cannot restore: \(what)"
        }
    }
}

/// Wall-clock timing of a stage.
enum Timing {
    /// Runs `body` and returns its duration in microseconds.
    static func measure(_ clock: ContinuousClock, _ body: () throws -> Void) rethrows -> Int64 {
        let start = clock.now
        try body()
        return micros(clock.now - start)
    }

    /// A duration in whole microseconds.
    static func micros(_ d: Duration) -> Int64 { d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000 }
}

