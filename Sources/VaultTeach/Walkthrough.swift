// Walkthrough.swift: loads the teaching dataset batch by batch and explains each step from the tables.

import VaultColumnar
import VaultHashing
import VaultInspect
import VaultModel

/// What the walkthrough is run with.
public struct WalkthroughOptions: Sendable, Equatable {
    /// The vault's hash strategy: algorithm, key format, profile.
    public var strategy: HashStrategy

    public init(strategy: HashStrategy = HashStrategy()) {
        self.strategy = strategy
    }
}

/// A guided walkthrough of Data Vault 2.0 loading: the ``TeachingDataset`` is loaded batch by
/// batch by vaultsim's own pipeline (``Vault``, ``Stager``, the satellite stores, the business
/// vault and ``VaultQueries``), and every step is explained from what the pipeline produced:
///
/// 1. the source rows of the batch;
/// 2. staging: each business key standardised and hashed (the staged columns);
/// 3. hubs and links: which keys were inserted and which were already known (the tables before
///    and after the load, and the batch report's counts);
/// 4. satellites: each row's hashdiff against the version in force, inserted or skipped;
///
/// then, after the last batch:
///
/// 5. end dates derived from the next version (``SatelliteStore/nextVersionRows()``);
/// 6. a point-in-time row assembled for a snapshot date, ghost records included;
/// 7. an as-of query answered through the PIT (``VaultQueries``).
///
/// Nothing is recomputed beside the pipeline: counts, keys, hashes, dates and outcomes are read
/// from its tables, so the same options always give the same document.
///
/// Sendable because it is mutated only inside ``run(_:)``, before anyone else can see it.
public final class Walkthrough: @unchecked Sendable {
    public let options: WalkthroughOptions
    /// The vault the dataset was loaded into.
    public let vault: Vault
    /// The explanation, filled by ``run(_:)``.
    public private(set) var document = WalkthroughDocument(title: "Data Vault loading, step by step")
    /// The loaded batches with what was observed around each load.
    private(set) var batches = [LoadedBatch]()
    /// Topics whose rule has been explained once already (later batches only refer to it).
    private var explained = Set<String>()
    let stager: Stager

    init(options: WalkthroughOptions) {
        self.options = options
        vault = Vault(strategy: options.strategy, threads: 1)
        stager = Stager(strategy: options.strategy, threads: 1)
    }

    /// Loads every batch of the teaching dataset and builds the document.
    ///
    /// - Throws: ``VaultError`` when an audit of the vault fails (a defect of the pipeline).
    public static func run(_ options: WalkthroughOptions = WalkthroughOptions()) throws -> Walkthrough {
        let walkthrough = Walkthrough(options: options)
        try walkthrough.build()
        return walkthrough
    }

    private func build() throws {
        let sources = TeachingDataset.batches()
        document.sections.append(introduction(sources))
        for source in sources {
            let batch = try load(source)
            batches.append(batch)
            document.sections.append(
                WalkthroughSection(
                    id: "batch-\(batch.number)", level: .part,
                    title: "Batch \(batch.number): load date \(CellText.timestamp(source.loadDate))"))
            document.sections += [sourceStep(batch), stagingStep(batch), keysStep(batch), satellitesStep(batch)]
        }
        document.sections.append(
            WalkthroughSection(
                id: "business", level: .part, title: "After the last batch: end dates, point in time, as of",
                blocks: [
                    .paragraph(
                        "The raw vault now holds every batch. What follows is derived from it, never stored in it.")
                ]))
        document.sections += [endDatesStep(), try pointInTimeStep(), try asOfStep()]
    }

    /// Stages and loads one batch, keeping the row counts of every table before the load.
    private func load(_ source: SourceTables) throws -> LoadedBatch {
        let before = Dictionary(vault.tables.map { ($0.name, $0.count) }, uniquingKeysWith: { a, _ in a })
        let staged = stager.stage(source)
        let report = try vault.load(source)
        return LoadedBatch(source: source, staged: staged, before: before, report: report)
    }

    /// `full` the first time `topic` comes up, `short` afterwards.
    func explain(_ topic: String, _ full: String, short: String) -> String {
        explained.insert(topic).inserted ? full : short
    }

    private func introduction(_ sources: [SourceTables]) -> WalkthroughSection {
        let strategy = options.strategy
        let rows = sources.reduce(0) { $0 + $1.rowCount }
        let digest = strategy.algorithm.digestLength
        let width =
            strategy.keyFormat == .binary
            ? "\(digest) bytes, shown as \(2 * digest) hex characters"
            : "stored as \(2 * digest) hex characters"
        return WalkthroughSection(
            id: "intro", level: .part, title: "What you are looking at",
            blocks: [
                .paragraph(
                    "\(CellText.count(sources.count, "batch", "batches")) of a small retail feed (\(rows) source rows) "
                        + "are loaded "
                        + "into a Data Vault 2.0 model by vaultsim's own loader. Every table, key, count and outcome "
                        + "below is read "
                        + "from the loaded vault. Hash keys and hashdiffs use `\(strategy.algorithm.rawValue)` "
                        + "(\(width)) under "
                        + "the `\(strategy.profile.rawValue)` profile. Step 2 of each batch shows them in full; other "
                        + "tables shorten them "
                        + "to 8 characters and `…` (`--wide` shows them in full)."),
                .list([
                    "A **hub** holds one row per business key: the hash key, the key, the load date it was first seen "
                        + "and its record source.",
                    "A **link** holds one row per distinct combination of hub keys (a relationship), keyed by the hash "
                        + "of those business keys.",
                    "A **satellite** holds versions of descriptive attributes of one hub or link key. A version is "
                        + "inserted only when its "
                        + "**hashdiff** (a hash over the attributes) differs from the version in force; nothing is "
                        + "updated or deleted.",
                    "Every row carries the **load date** of its batch and a **record source** naming the source table.",
                ]),
            ])
    }
}

/// One batch as the walkthrough saw it: the source, the staged columns, the row counts of every
/// stored table before the load, and the loader's report.
struct LoadedBatch {
    let source: SourceTables
    let staged: StagedBatch
    let before: [String: Int]
    let report: BatchReport

    var number: Int { source.batch }

    /// The staged column `name` (`hk:customers.customer_id`, `hd:sat_customer_details`, ...).
    func staged(_ name: String) -> Column { staged.column(name) }

    /// The batch's table `name` when it has rows.
    func table(_ name: String) -> Table? {
        guard let table = source.tables[name], table.count > 0 else { return nil }
        return table
    }

    /// The rows of a vault table that existed before this batch.
    func oldRows(_ table: Table) -> Range<Int> { 0..<(before[table.name] ?? 0) }

    /// The rows of a vault table that this batch appended (when read right after its load).
    func newRows(_ table: Table) -> Range<Int> { newRows(name: table.name, count: table.count) }

    /// The rows of the table called `name` (now `count` rows) that this batch inserted.
    func newRows(name: String, count: Int) -> Range<Int> { (before[name] ?? 0)..<count }

    /// The batch report's counts for `table`.
    func counts(_ table: String) -> LoadCounts { report.tables[table] ?? LoadCounts() }
}
