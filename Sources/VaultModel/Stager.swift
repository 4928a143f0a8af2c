// Stager.swift: staging computes every key, business key and hashdiff of a batch once.

import Dispatch
import VaultColumnar
import VaultHashing

/// A staged batch: the source tables plus the columns staging derived from them.
///
/// Derived columns are named `hk:<table>.<column>` (hub key), `bk:<table>.<column>` (cleaned
/// business key), `lk:<link>.<table>` (link key) and `hd:<satellite>` (hashdiff). A hub or link key
/// is NULL where the profile makes it NULL or the zero key: such rows are not loaded.
public struct StagedBatch: Sendable {
    public var source: SourceTables
    public var columns: [String: Column]

    /// The source table `name`, or an empty table when the batch has none.
    func table(_ name: String) -> Table? { source.tables[name] }

    func column(_ name: String) -> Column {
        guard let column = columns[name] else { preconditionFailure("staging has no column \(name)") }
        return column
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

    /// One derived column to compute.
    struct Job: Sendable {
        var name: String
        var compute: @Sendable () -> Column
    }

    /// Stages `source`: every job runs once; jobs are spread over the threads.
    public func stage(_ source: SourceTables) -> StagedBatch {
        let jobs = plan(source)
        let results = ResultSlots<Column>(count: jobs.count)
        concurrentEach(count: jobs.count, threads: threads) { j in results.set(j, jobs[j].compute()) }
        var columns = [String: Column]()
        for (j, job) in jobs.enumerated() { columns[job.name] = results.get(j) }
        return StagedBatch(source: source, columns: columns)
    }

    func plan(_ source: SourceTables) -> [Job] {
        var jobs = [Job]()
        var keyed = Set<String>()
        let hasher = self.hasher
        func hubKey(_ table: Table, _ column: String) {
            let name = "\(table.name).\(column)"
            guard keyed.insert(name).inserted, table.schema.index(of: column) != nil else { return }
            let input = table[column]
            jobs.append(Job(name: "hk:\(name)") { Self.loadableKeys(hasher, [HashInput(column, input)]) })
            jobs.append(Job(name: "bk:\(name)") { BusinessKeyText.clean(input) })
        }
        for hub in RetailVault.hubs {
            for key in hub.sources { if let table = source.tables[key.table] { hubKey(table, key.column) } }
        }
        for link in RetailVault.links {
            for s in link.sources {
                guard let table = source.tables[s.table] else { continue }
                let inputs = s.columns.map { HashInput($0, table[$0]) }
                jobs.append(Job(name: "lk:\(link.name).\(s.table)") { Self.loadableKeys(hasher, inputs) })
            }
        }
        for satellite in RetailVault.satellites + [RetailVault.phoneSatellite] where satellite.name != "sat_sales_metrics" {
            guard let table = source.tables[satellite.source] else { continue }
            let inputs = satellite.payload.map { HashInput($0.name, table[$0.name]) }
            jobs.append(Job(name: "hd:\(satellite.name)") { hasher.hash(inputs, kind: .hashdiff).column })
        }
        return jobs
    }

    /// Key column in which rows that are NULL or the zero key under the profile are NULL.
    static func loadableKeys(_ hasher: BatchHasher, _ inputs: [HashInput]) -> Column {
        hasher.hash(inputs, kind: .key, zeroKeysAsNull: true).column
    }
}

/// Fixed slots written by concurrent jobs, each slot by exactly one job.
final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = PthreadMutex()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) { lock.withLock { slots[i] = value } }
    func get(_ i: Int) -> T { lock.withLock { slots[i]! } }
}

/// A counter shared by concurrent workers.
final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private let lock = PthreadMutex()

    /// Returns the current value and adds one.
    func increment() -> Int { lock.withLock { defer { value += 1 }; return value } }
}
