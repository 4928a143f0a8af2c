// CollisionsCommand.swift: `vaultsim collisions`, hash-key collision risk in numbers.

import ArgumentParser
import Foundation
import VaultExport
import VaultGenerator
import VaultHashing
import VaultInspect
import VaultStudy

extension BusinessKeyKind: ExpressibleByArgument {}

struct CollisionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collisions",
        abstract: "How likely hash keys collide: the birthday bound per algorithm, and real collisions counted.",
        discussion: HelpText.reflow("""
            Analytic part. For n distinct keys hashed uniformly into b bits, the expected number of
            colliding pairs is E = n(n-1)/2^(b+1) and the probability of at least one collision is
            p = 1 - exp(-E), computed as -expm1(-E) so tiny values stay exact (10^9 keys in 128 bits:
            1.5e-21). Printed for md5 (128 bits), sha1 (160), sha256 (256), xxh3 (128) and hashes
            truncated to 64/48/32 bits: p and E at --keys, the keys at which p reaches 1e-9, 1e-6 and
            50 %, and p over 10^6..10^12 keys.

            Empirical part. --sample distinct business keys (spelled as the generator spells them, in a
            seeded order; standardised and deduplicated under --profile) are hashed by the vault's
            kernels, each digest truncated to every width of --bits, and pairs of keys with equal
            truncated digests are counted and set against E: ratio measured/E and z = (measured - E)/sigma.
            Full digests never collide at any sample a machine can hold; agreement at 24-64 bits is the
            evidence that the formula holds, and the formula says accidental collisions at 128 bits
            are not a practical concern (SHA-256 over MD5 is about deliberate collisions, not chance).

            Examples:
              vaultsim collisions
              vaultsim collisions --keys 5e9 --sample 20000000 --bits 32,40,48 --format csv
              vaultsim collisions --no-measure --format json
            """)
    )

    @Option(help: "Number of keys for the analytic table (e.g. 1e9).")
    var keys: Double = 1e9

    @Option(name: .customLong("sample"), help: "Business keys to hash and count collisions over (0: analytic part only; default 10000000).")
    var givenSample: Int?

    var sample: Int { givenSample ?? 10_000_000 }

    @Option(help: "Widths in bits (1-64) to truncate digests to, comma-separated.")
    var bits: String = "24,32,40,48,56,64"

    @Option(help: "Algorithms to measure, comma-separated: md5, sha1, sha256, xxh3.")
    var algorithms: String = "md5,sha1,sha256,xxh3"

    @Option(help: "Kind of business key: customer, product, store, transaction, promotion.")
    var entity: BusinessKeyKind = .transaction

    @Option(help: "Chooses which keys of the key space are sampled.")
    var seed: UInt64 = 42

    @Option(help: "Standardisation before hashing: automatedv or datavault4dbt.")
    var profile: HashProfile = .automatedv

    @Flag(help: "Print the analytic part only.")
    var noMeasure = false

    @OptionGroup var threading: ThreadOptions
    @OptionGroup var output: FormatOptions

    func parsedWidths() throws -> [Int] {
        let parts = bits.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && (1...64).contains($0!) }) else {
            throw ValidationError("--bits must be comma-separated widths between 1 and 64 (got '\(bits)').")
        }
        return Array(Set(parts.map { $0! })).sorted()
    }

    func parsedAlgorithms() throws -> [HashAlgorithm] {
        try algorithms.split(separator: ",").map { name in
            guard let algorithm = HashAlgorithm(name: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--algorithms: '\(name)' is not one of md5, sha1, sha256, xxh3.")
            }
            return algorithm
        }
    }

    var study: CollisionStudy.Configuration {
        get throws {
            CollisionStudy.Configuration(sample: sample, kind: entity, seed: seed, profile: profile,
                                         algorithms: try parsedAlgorithms(), widths: try parsedWidths(), threads: threading.count)
        }
    }

    func validate() throws {
        if noMeasure && givenSample != nil {
            throw ValidationError("--sample does nothing with --no-measure; leave it out.")
        }
        guard keys.isFinite, keys >= 2, keys <= 1e30 else { throw ValidationError("--keys must be between 2 and 1e30 (got \(keys)).") }
        guard sample >= 0 else { throw ValidationError("--sample must not be negative (got \(sample)).") }
        let capacity = BusinessKeyStream(kind: entity, seed: seed).capacity
        guard sample <= capacity else {
            throw ValidationError("--sample \(sample) is more than the \(capacity) distinct \(entity) keys there are; "
                                  + "use --entity transaction for up to \(BusinessKeyStream(kind: .transaction, seed: 0).capacity).")
        }
        let needed = try study.estimatedBytes
        let physical = Double(SystemInfo.physicalMemoryBytes)
        if physical > 0 && needed > physical * 0.8 {
            throw ValidationError("--sample \(sample) needs about \(SystemInfo.gibibytes(needed)) GiB of memory, "
                                  + "this machine has \(SystemInfo.gibibytes(physical)) GiB.")
        }
    }

    func run() throws {
        let report = CollisionReport(keys: keys)
        var measured: CollisionStudy.Result?
        if !noMeasure && sample > 0 {
            measured = CollisionStudy.run(try study) { Diagnostics.progress($0) }
        }
        switch output.format {
        case .table:
            let style = output.style()
            var sections = [
                "Birthday bound at \(CollisionReport.number(keys)) keys\n" + report.atKeys.alignedText(style: style),
                "Probability of at least one collision by number of keys\n" + report.byKeys.alignedText(style: style),
            ]
            if let measured {
                sections.append("Measured: \(measured.keys) distinct \(entity) keys (seed \(seed), \(profile)), "
                                + "digests truncated to b bits\n" + CollisionReport.measured(measured).alignedText(style: style))
            }
            print(sections.joined(separator: "\n\n"))
        case .csv:
            print(([report.atKeys, report.byKeys] + (measured.map { [CollisionReport.measured($0)] } ?? []))
                .map { $0.csv() }.joined(separator: "\n\n"))
        case .json:
            var members: [(String, JSONValue)] = [("keys", .double(keys)), ("bound", report.atKeys.jsonValue),
                                                  ("by_keys", report.byKeys.jsonValue)]
            if let measured {
                members.append(("measured", .object([
                    ("entity", .string(entity.rawValue)), ("seed", .string(String(seed))), ("profile", .string(profile.rawValue)),
                    ("distinct_keys", .int(measured.keys)), ("duplicates_removed", .int(measured.duplicatesRemoved)),
                    ("rows", CollisionReport.measured(measured).jsonValue),
                ])))
            }
            print(JSONValue.object(members).rendered(indent: 0))
        }
    }
}
