// GenerationOptions.swift: the options that describe a generated retail feed, shared by commands.

import ArgumentParser
import VaultColumnar
import VaultGenerator
import VaultHashing

/// `--scale --days --seed --base-date --no-dirt --dirt-...`: what to generate.
struct GenerationOptions: ParsableArguments {
    @Option(help: "Volume multiplier (> 0): scale 1 is 1,000 customers, 500 products, ~10,000 sales lines a week.")
    var scale: Double = 1

    @Option(help: "Number of daily batches (>= 1); batch 0 is the initial full extract.")
    var days: Int = 7

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    @Option(help: "Business date of batch 0 (YYYY-MM-DD); batch k is this date + k days.")
    var baseDate: String = "2024-01-01"

    @Flag(help: "Clean data: turn every --dirt-... knob off.")
    var noDirt = false

    @Option(help: "Probability that a business-key occurrence has stray spaces or lower case.")
    var dirtKeyNoise: Double = DirtOptions.default.keyNoise
    @Option(help: "Probability that a nullable attribute value is NULL.")
    var dirtNullAttributes: Double = DirtOptions.default.nullAttributes
    @Option(help: "Probability that yesterday's master row is re-sent unchanged.")
    var dirtResend: Double = DirtOptions.default.resend
    @Option(help: "Probability that a transaction arrives 1-3 batches late.")
    var dirtLateTransactions: Double = DirtOptions.default.lateTransactions
    @Option(help: "Probability that a transaction names a customer first sent in a later batch.")
    var dirtEarlyCustomers: Double = DirtOptions.default.earlyCustomers
    @Option(help: "Probability that a sales line has a NULL or blank customer_id or product_id.")
    var dirtBlankKeys: Double = DirtOptions.default.blankKeys

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
        let physical = SystemInfo.physicalMemoryBytes
        let needed = options.estimatedBytes * bytesPerSourceByte
        if scale.isFinite && scale > 0 && physical > 0 && needed > Double(physical) * 0.8 {
            throw ValidationError("--scale \(scale) needs about \(SystemInfo.gibibytes(needed)) GiB "
                                  + "of memory, this machine has \(SystemInfo.gibibytes(Double(physical))) GiB.")
        }
        do { try options.validate() } catch { throw ValidationError(error.description + ".") }
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
    @Option(name: .customLong("hash"), help: "Hash algorithm for keys and hashdiffs: md5, sha1, sha256 (also 'sha'), xxh3.")
    var algorithm: HashAlgorithm = .md5

    @Option(help: "binary (fixed-size digests) or hex (text).")
    var keyFormat: KeyFormat = .binary

    @Option(help: "automatedv or datavault4dbt.")
    var profile: HashProfile = .automatedv

    @Option(help: "Case of hex keys: upper or lower (default: the profile's).")
    var hexCase: HexCase?

    var strategy: HashStrategy {
        HashStrategy(algorithm: algorithm, keyFormat: keyFormat, profile: profile, hexCase: hexCase)
    }
}
