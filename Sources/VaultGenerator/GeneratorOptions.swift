// GeneratorOptions.swift: what to generate (scale, days, seed, dirt, shard), and its validation.

import VaultColumnar

/// The options of a ``RetailGenerator`` run. The same options give the same bytes, on any thread
/// count and for any shard split.
///
/// Volumes at scale `S` (see ``VolumePlan``): 1,000·S customers and 500·S products in batch 0,
/// 20·√S stores and 50·√S promotions; about 10,000·S transaction lines per 7 days.
public struct GeneratorOptions: Hashable, Sendable {
    /// The volume multiplier, > 0. Scale 1 is the reference data set (1,000 customers, 10,000 lines a week).
    public var scale: Double
    /// The number of daily batches, >= 1. Batch 0 is the initial full extract.
    public var days: Int
    /// The seed of every random choice.
    public var seed: UInt64
    /// The business date of batch 0; batch `k` is `baseDate + k` days.
    public var baseDate: CivilDate
    /// The data-quality problems mixed into the source rows.
    public var dirt: DirtOptions
    /// Which contiguous part of every table this run emits.
    public var shard: Shard

    public init(scale: Double = 1, days: Int = 7, seed: UInt64 = 42,
                baseDate: CivilDate = CivilDate(year: 2024, month: 1, day: 1),
                dirt: DirtOptions = .default, shard: Shard = .whole) {
        self.scale = scale
        self.days = days
        self.seed = seed
        self.baseDate = baseDate
        self.dirt = dirt
        self.shard = shard
    }

    /// Checks every option; the error's message names the option.
    public func validate() throws(GeneratorError) {
        guard scale.isFinite, scale > 0 else {
            throw .invalidOption(name: "scale", "must be a number greater than 0 (got \(scale))")
        }
        guard scale <= GeneratorOptions.maximumScale else {
            throw .invalidOption(name: "scale", "must be at most \(Int(GeneratorOptions.maximumScale)) (got \(scale)): "
                                 + "the row counts would not fit a table")
        }
        guard days >= 1 else { throw .invalidOption(name: "days", "must be at least 1 (got \(days))") }
        guard days <= 36_500 else { throw .invalidOption(name: "days", "must be at most 36500 (got \(days))") }
        guard baseDate.isValid, (1900...9000).contains(baseDate.year) else {
            throw .invalidOption(name: "base-date", "must be a real date between the years 1900 and 9000 (got \(baseDate))")
        }
        guard shard.count >= 1, shard.index >= 0, shard.index < shard.count else {
            throw .invalidOption(name: "shard", "must be i/N with 0 <= i < N (got \(shard.index)/\(shard.count))")
        }
        guard shard.count <= 1_000_000 else {
            throw .invalidOption(name: "shard", "must have at most 1000000 shards (got \(shard.count))")
        }
        try dirt.validate()
    }

    /// The largest scale whose batch 0 still fits the 2^31-row limit of a table (about 2·10^6).
    public static let maximumScale: Double = 2_000_000

    /// An estimate of the peak memory, in bytes, that generating one batch takes (the largest
    /// batch is batch 0: every master row plus a day of sales), before anything is allocated.
    /// Compare it with the physical memory to refuse absurd scales.
    public var estimatedBytes: Double {
        let plan = VolumePlanEstimate(scale: scale)
        // Bytes per row in memory (values + string bytes + offsets), measured on scale-1 batches,
        // doubled for the copy made when chunks are concatenated, plus per-entity state.
        let customers = plan.customers * (180 + 3 * 2 * 45) * 2
        let products = plan.products * 170 * 2
        let lines = plan.linesPerBusiestDay * 120 * 2
        let state = (plan.customers + plan.products) * 64
        return customers + products + lines + state + 64 * 1024 * 1024
    }
}

/// A rough volume estimate used before allocating anything.
struct VolumePlanEstimate {
    var customers: Double
    var products: Double
    var linesPerBusiestDay: Double
    init(scale: Double) {
        customers = 1000 * scale
        products = 500 * scale
        linesPerBusiestDay = 10_000 * scale / 7 * 1.25
    }
}

/// A contiguous part of the output: shard `index` of `count`.
///
/// Shard `i` emits, for every table of every batch, the rows `[n·i/N, n·(i+1)/N)` of the
/// one-machine table (master tables by entity, sales by transaction), so concatenating the
/// shards `0..<N` in order gives exactly the one-machine output.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// The whole output (shard 0 of 1).
    public static let whole = Shard(index: 0, count: 1)

    /// Parses `i/N`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: i, count: n)
    }

    /// This shard's part of `0..<n`.
    public func range(of n: Int) -> Range<Int> {
        let lower = Int((Int64(n) * Int64(index)) / Int64(count))
        let upper = Int((Int64(n) * Int64(index + 1)) / Int64(count))
        return lower..<upper
    }

    public var description: String { "\(index)/\(count)" }
}

/// An option that cannot be used.
public enum GeneratorError: Error, Equatable, CustomStringConvertible {
    /// Option `name` (as spelled on the command line, without dashes) is out of range.
    case invalidOption(name: String, String)

    public var description: String {
        switch self {
        case .invalidOption(let name, let why): return "--\(name) \(why)"
        }
    }
}
