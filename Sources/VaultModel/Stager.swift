// Stager.swift: staging computes every key, business key and hashdiff of a batch once.

import VaultRuntime
import Dispatch
import VaultColumnar
import VaultHashing

/// A staged batch: the source tables plus the columns staging derived from them.
///
/// Derived columns are named `hk:<table>.<column>` (hub key), `lk:<link>.<table>` (link key) and
/// `hd:<satellite>` (hashdiff). A hub or link key is NULL where the profile makes it NULL or the
/// zero key: such rows are not loaded. The cleaned business keys `bk:<table>.<column>` are made
/// on request (``column(_:)``): a hub cleans only the keys it inserts.
public struct StagedBatch: Sendable {
    public var source: SourceTables
    /// The derived columns, filled in as staging jobs finish (see ``Stager/plan(_:)``).
    let derived: SharedColumns
    /// The hub and link rows each source row loaded into, filled in as the hubs and links load.
    let rows = StagedRows()

    init(source: SourceTables, derived: SharedColumns) {
        self.source = source
        self.derived = derived
    }

    /// The derived columns computed so far, by name.
    public var columns: [String: Column] { derived.all }

    /// The source table `name`, or an empty table when the batch has none.
    func table(_ name: String) -> Table? { source.tables[name] }

    /// The derived column `name`; `bk:<table>.<column>` is cleaned from the source column here.
    public func column(_ name: String) -> Column {
        if let column = derived.get(name) { return column }
        if name.hasPrefix("bk:") {
            let path = name.dropFirst(3).split(separator: ".", maxSplits: 1).map(String.init)
            if path.count == 2, let table = source.tables[path[0]], table.schema.index(of: path[1]) != nil {
                return BusinessKeyText.clean(table[path[1]])
            }
        }
        preconditionFailure("staging has no column \(name)")
    }
}

/// The names of staged columns, in one place for the staging jobs, the loads and the schedule.
enum StagedName {
    /// The hub key of `column` in source table `table`: `hk:<table>.<column>`.
    static func hubKey(_ table: String, _ column: String) -> String { "hk:\(table).\(column)" }
    /// The link key of `link` from source table `table`: `lk:<link>.<table>`.
    static func linkKey(_ link: String, _ table: String) -> String { "lk:\(link).\(table)" }
    /// The hashdiff of `satellite`: `hd:<satellite>`.
    static func hashdiff(_ satellite: String) -> String { "hd:\(satellite)" }
}

/// Derived columns by name, written by staging jobs on several threads and read by the loads.
///
/// A column whose readers are announced (``expectReaders(_:)``) is dropped once the last of them
/// is done (``release(_:)``), so its memory serves the rest of the batch instead of idling until
/// the batch ends.
final class SharedColumns: @unchecked Sendable {
    private var columns = [String: Column]()
    private var readersLeft = [String: Int]()
    private let lock = PthreadMutex()

    func set(_ name: String, _ column: Column) { lock.withLock { columns[name] = column } }
    func get(_ name: String) -> Column? { lock.withLock { columns[name] } }
    var all: [String: Column] { lock.withLock { columns } }

    /// Announces one reader for every occurrence of a name in `names`.
    func expectReaders(_ names: [String]) {
        lock.withLock { for name in names { readersLeft[name, default: 0] += 1 } }
    }

    /// One reader of each of `names` is done; a column left without readers is dropped.
    func release(_ names: [String]) {
        var dropped = [Column]()
        lock.withLock {
            for name in names {
                guard let left = readersLeft[name] else { continue }
                if left > 1 { readersLeft[name] = left - 1; continue }
                readersLeft[name] = nil
                if let column = columns.removeValue(forKey: name) { dropped.append(column) }
            }
        }
        _ = dropped  // freed here, outside the lock
    }
}

/// For each hub or link and source table, the row of the hub or link that each source row's key
/// has (-1 for rows not loaded), written by the hub and link loads of a batch and read by its
/// satellites. Named `<store>.<table>`, e.g. `hub_customer.customers`.
final class StagedRows: @unchecked Sendable {
    private var rows = [String: SharedArray<Int32>]()
    private let lock = PthreadMutex()

    func set(_ name: String, _ value: SharedArray<Int32>) { lock.withLock { rows[name] = value } }

    func get(_ name: String) -> SharedArray<Int32> {
        guard let value = lock.withLock({ rows[name] }) else { preconditionFailure("no rows of \(name) were loaded") }
        return value
    }
}

/// Computes the staged columns of a batch with the hashing engine, in parallel jobs.
public struct Stager: Sendable {
    public let hasher: BatchHasher

    public init(strategy: HashStrategy, threads: Int) {
        hasher = BatchHasher(strategy: strategy, threads: 1)
        self.threads = max(1, threads)
    }

    let threads: Int

    /// One derived column to compute, with a rough cost (values to standardise and hash).
    struct Job: Sendable {
        var name: String
        var cost: Int
        var compute: @Sendable () -> Column
    }

    /// Stages `source`: every job runs once; jobs are spread over the threads.
    public func stage(_ source: SourceTables) -> StagedBatch {
        let (staged, jobs) = plan(source)
        concurrentEach(count: jobs.count, threads: threads) { j in staged.derived.set(jobs[j].name, jobs[j].compute()) }
        return staged
    }

    /// The batch to stage and its jobs, costliest first; each job's column belongs in
    /// `staged.derived` under the job's name once computed (the loader runs the jobs itself,
    /// beside the first tables whose columns are ready).
    func plan(_ source: SourceTables) -> (staged: StagedBatch, jobs: [Job]) {
        let jobs = columnJobs(source)
        let order = jobs.indices.sorted { jobs[$0].cost != jobs[$1].cost ? jobs[$0].cost > jobs[$1].cost : $0 < $1 }
        return (StagedBatch(source: source, derived: SharedColumns()), order.map { jobs[$0] })
    }

    private func columnJobs(_ source: SourceTables) -> [Job] {
        var jobs = [Job]()
        var keyed = Set<String>()
        let hasher = self.hasher
        func hubKey(_ table: Table, _ column: String) {
            let name = StagedName.hubKey(table.name, column)
            guard keyed.insert(name).inserted, table.schema.index(of: column) != nil else { return }
            let input = table[column]
            jobs.append(Job(name: name, cost: table.count) { Self.loadableKeys(hasher, [HashInput(column, input)]) })
        }
        for hub in RetailVault.hubs {
            for key in hub.sources { if let table = source.tables[key.table] { hubKey(table, key.column) } }
        }
        for link in RetailVault.links {
            for s in link.sources {
                guard let table = source.tables[s.table] else { continue }
                let inputs = s.columns.map { HashInput($0, table[$0]) }
                jobs.append(Job(name: StagedName.linkKey(link.name, s.table), cost: table.count * inputs.count) { Self.loadableKeys(hasher, inputs) })
            }
        }
        for satellite in RetailVault.satellites + [RetailVault.phoneSatellite] where satellite.name != "sat_sales_metrics" {
            guard let table = source.tables[satellite.source] else { continue }
            let inputs = satellite.payload.map { HashInput($0.name, table[$0.name]) }
            jobs.append(Job(name: StagedName.hashdiff(satellite.name), cost: table.count * inputs.count) { hasher.hash(inputs, kind: .hashdiff).column })
        }
        return jobs
    }

    /// Key column in which rows that are NULL or the zero key under the profile are NULL.
    static func loadableKeys(_ hasher: BatchHasher, _ inputs: [HashInput]) -> Column {
        hasher.hash(inputs, kind: .key, zeroKeysAsNull: true).column
    }
}
