// GenerationOptions.swift: the options that describe a generated retail feed, shared by commands.

import ArgumentParser
import VaultColumnar
import VaultGenerator
import VaultHashing
import VaultModel

/// `--scale --days --seed --base-date --no-dirt --dirt-...`: what to generate.
struct GenerationOptions: ParsableArguments {
    // Each option is stored as given (nil when absent), so that a command can tell the options
    // it ignores (with --from or --snapshot) and refuse them instead of ignoring them silently.
    @Option(name: .customLong("scale"), help: "Volume multiplier (> 0; default 1): scale 1 is 1,000 customers, 500 products, ~10,000 sales lines a week.")
    var givenScale: Double?

    @Option(name: .customLong("days"), help: "Number of daily batches (1-36500; default 7); batch 0 is the initial full extract.")
    var givenDays: Int?

    @Option(name: .customLong("seed"), help: "Random seed (default 42).")
    var givenSeed: UInt64?

    @Option(name: .customLong("base-date"), help: "Business date of batch 0 (YYYY-MM-DD; default 2024-01-01); batch k is this date + k days.")
    var givenBaseDate: String?

    @Flag(help: "Clean data: turn every --dirt-... knob off.")
    var noDirt = false

    @Option(name: .customLong("dirt-key-noise"), help: "Probability that a business-key occurrence has stray spaces or lower case (default \(DirtOptions.default.keyNoise)).")
    var givenKeyNoise: Double?
    @Option(name: .customLong("dirt-null-attributes"), help: "Probability that a nullable attribute value is NULL (default \(DirtOptions.default.nullAttributes)).")
    var givenNullAttributes: Double?
    @Option(name: .customLong("dirt-resend"), help: "Probability that yesterday's master row is re-sent unchanged (default \(DirtOptions.default.resend)).")
    var givenResend: Double?
    @Option(name: .customLong("dirt-late-transactions"), help: "Probability that a transaction arrives 1-3 batches late (default \(DirtOptions.default.lateTransactions)).")
    var givenLateTransactions: Double?
    @Option(name: .customLong("dirt-early-customers"), help: "Probability that a transaction names a customer first sent in a later batch (default \(DirtOptions.default.earlyCustomers)).")
    var givenEarlyCustomers: Double?
    @Option(name: .customLong("dirt-blank-keys"), help: "Probability that a sales line has a NULL or blank customer_id or product_id (default \(DirtOptions.default.blankKeys)).")
    var givenBlankKeys: Double?

    var scale: Double { givenScale ?? 1 }
    var days: Int { givenDays ?? 7 }
    var seed: UInt64 { givenSeed ?? 42 }
    var baseDate: String { givenBaseDate ?? "2024-01-01" }
    var dirtKeyNoise: Double { givenKeyNoise ?? DirtOptions.default.keyNoise }
    var dirtNullAttributes: Double { givenNullAttributes ?? DirtOptions.default.nullAttributes }
    var dirtResend: Double { givenResend ?? DirtOptions.default.resend }
    var dirtLateTransactions: Double { givenLateTransactions ?? DirtOptions.default.lateTransactions }
    var dirtEarlyCustomers: Double { givenEarlyCustomers ?? DirtOptions.default.earlyCustomers }
    var dirtBlankKeys: Double { givenBlankKeys ?? DirtOptions.default.blankKeys }

    /// The options given on the command line, as spelled there.
    var given: [String] {
        [("--scale", givenScale != nil), ("--days", givenDays != nil), ("--seed", givenSeed != nil),
         ("--base-date", givenBaseDate != nil), ("--no-dirt", noDirt),
         ("--dirt-key-noise", givenKeyNoise != nil), ("--dirt-null-attributes", givenNullAttributes != nil),
         ("--dirt-resend", givenResend != nil), ("--dirt-late-transactions", givenLateTransactions != nil),
         ("--dirt-early-customers", givenEarlyCustomers != nil), ("--dirt-blank-keys", givenBlankKeys != nil)]
            .filter(\.1).map(\.0)
    }

    /// Refuses generation options given to a command that does not generate (`reason`: why not).
    func refuseGiven(_ reason: String, except allowed: Set<String> = []) throws {
        try IgnoredOptions.refuse(given.filter { !allowed.contains($0) }, reason)
    }

    /// The parsed base date.
    func parsedBaseDate() throws -> CivilDate {
        guard let date = CivilDate(iso: baseDate) else {
            throw ValidationError("--base-date must be a date written YYYY-MM-DD (got '\(baseDate)').")
        }
        return date
    }

    /// The generator options these flags describe.
    func generatorOptions(shard: Shard = .whole) throws -> GeneratorOptions {
        let dirt = noDirt ? DirtOptions.none : DirtOptions(
            keyNoise: dirtKeyNoise, nullAttributes: dirtNullAttributes, resend: dirtResend,
            lateTransactions: dirtLateTransactions, earlyCustomers: dirtEarlyCustomers, blankKeys: dirtBlankKeys)
        return GeneratorOptions(scale: scale, days: days, seed: seed, baseDate: try parsedBaseDate(), dirt: dirt, shard: shard)
    }

    /// Checks the options, refusing before any allocation a volume that cannot fit in memory.
    /// `bytesPerSourceByte` scales the generator's estimate for commands that keep more than the sources.
    func validate(shard: Shard = .whole, bytesPerSourceByte: Double = 1) throws {
        let options = try generatorOptions(shard: shard)
        // Ranges first: the estimate below is only meaningful for options in range.
        do { try options.validate() } catch { throw ValidationError(error.description + ".") }
        let physical = SystemInfo.physicalMemoryBytes
        let needed = options.estimatedBytes * bytesPerSourceByte
        if physical > 0 && needed > Double(physical) * 0.8 {
            throw ValidationError("--scale \(scale) needs about \(SystemInfo.gibibytes(needed)) GiB "
                                  + "of memory, this machine has \(SystemInfo.gibibytes(Double(physical))) GiB.")
        }
    }

    /// Checks the options of a generated load: ranges, one batch in memory, and the whole vault
    /// with its business vault over `calendar` (``LoadEstimate``).
    func validateLoad(strategy: HashStrategy, calendar: SnapshotCalendar, materialised: Bool) throws {
        try validate(bytesPerSourceByte: 1.5)
        let options = try generatorOptions()
        let estimate = LoadEstimate(
            lines: 10_000 * scale / 7 * 1.25 * Double(days), masterRows: 1_500 * scale,
            snapshotDates: LoadEstimate.snapshotDates(calendar, firstDay: options.baseDate.daysSinceEpoch, loadedDays: days),
            keyBytes: LoadEstimate.keyBytes(strategy), materialised: materialised)
        try estimate.check(context: "--scale \(scale) --days \(days)")
    }
}

/// Options that would do nothing in the chosen mode: an error, never silently ignored.
enum IgnoredOptions {
    /// Throws a validation error naming `options` (as spelled on the command line) and `reason`
    /// (why they do nothing), unless `options` is empty.
    static func refuse(_ options: [String], _ reason: String) throws {
        guard !options.isEmpty else { return }
        let one = options.count == 1
        throw ValidationError("\(options.joined(separator: ", ")) \(one ? "does" : "do") nothing \(reason); "
                              + "leave \(one ? "it" : "them") out.")
    }
}

/// `--threads`: worker threads, validated.
struct ThreadOptions: ParsableArguments {
    @Option(help: "Worker threads (default: all cores). Never changes the output.")
    var threads: Int?

    var count: Int { threads ?? SystemInfo.coreCount }

    func validate() throws {
        if let threads, threads < 1 || threads > 1024 {
            throw ValidationError("--threads must be between 1 and 1024 (got \(threads)).")
        }
    }
}

/// `--hash --key-format --profile --hex-case`: the hash strategy of a vault.
struct StrategyOptions: ParsableArguments {
    @Option(name: .customLong("hash"), help: "Hash algorithm for keys and hashdiffs: md5 (default), sha1, sha256 (also 'sha'), xxh3.")
    var givenAlgorithm: HashAlgorithm?

    @Option(name: .customLong("key-format"), help: "binary (fixed-size digests; default) or hex (text).")
    var givenKeyFormat: KeyFormat?

    @Option(name: .customLong("profile"), help: "automatedv (default) or datavault4dbt.")
    var givenProfile: HashProfile?

    @Option(help: "Case of hex keys: upper or lower (default: the profile's).")
    var hexCase: HexCase?

    var algorithm: HashAlgorithm { givenAlgorithm ?? .md5 }
    var keyFormat: KeyFormat { givenKeyFormat ?? .binary }
    var profile: HashProfile { givenProfile ?? .automatedv }

    /// The options given on the command line, as spelled there.
    var given: [String] {
        [("--hash", givenAlgorithm != nil), ("--key-format", givenKeyFormat != nil), ("--profile", givenProfile != nil),
         ("--hex-case", hexCase != nil)].filter(\.1).map(\.0)
    }

    var strategy: HashStrategy {
        HashStrategy(algorithm: algorithm, keyFormat: keyFormat, profile: profile, hexCase: hexCase)
    }
}
