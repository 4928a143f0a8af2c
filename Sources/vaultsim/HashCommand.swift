// HashCommand.swift: `vaultsim hash`, one key or hashdiff computed exactly as a dbt profile does.

import ArgumentParser
import VaultColumnar
import VaultHashing

extension HashAlgorithm: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}
extension HashProfile: ExpressibleByArgument {}
extension KeyFormat: ExpressibleByArgument {}
extension HexCase: ExpressibleByArgument {}

struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Hash one key (or one hashdiff) exactly as a dbt package does, to debug warehouse hashes.",
        discussion: HelpText.reflow("""
            Each VALUE is one column's value, in order; \\N stands for NULL. With --hashdiff a value may be
            written COLUMN=VALUE so the profile's column ordering applies (AutomateDV sorts by column name).
            Prints the standardised string and the digest in hex (the profile's case unless --hex-case).
            A key that is NULL under the profile prints NULL; datavault4dbt prints its zero key.

            Examples:
              vaultsim hash --algorithm md5 ' c001 '
              vaultsim hash --algorithm sha256 --profile datavault4dbt C001 '\\N'
              vaultsim hash --hashdiff last_name=Smith first_name=john
            """)
    )

    @Option(name: .shortAndLong, help: "md5, sha1, sha256 (also 'sha'), or xxh3.")
    var algorithm: HashAlgorithm = .md5

    @Option(help: "automatedv or datavault4dbt.")
    var profile: HashProfile = .automatedv

    @Flag(help: "Hash the values as a satellite hashdiff instead of a key.")
    var hashdiff = false

    @Flag(help: "Print only the digest.")
    var digestOnly = false

    @Option(help: "upper or lower (default: the profile's: AutomateDV upper, datavault4dbt lower).")
    var hexCase: HexCase?

    @Argument(help: "Column values in order; \\N for NULL; COLUMN=VALUE with --hashdiff.")
    var values: [String] = []

    func validate() throws {
        guard !values.isEmpty else { throw ValidationError("Give at least one VALUE to hash.") }
        if let bad = RawArguments.firstInvalidUTF8() {
            throw ValidationError("Argument \(bad) is not valid UTF-8; hash keys are UTF-8 text.")
        }
    }

    func run() throws {
        let inputs = values.enumerated().map { index, raw -> HashInput in
            var name = "c\(String(index + 1).leftPadded(to: 3))"
            var value: String? = raw
            if hashdiff, let eq = raw.firstIndex(of: "="), eq != raw.startIndex {
                name = String(raw[..<eq])
                value = String(raw[raw.index(after: eq)...])
            }
            if value == "\\N" { value = nil }
            var column = Column(.string)
            column.append(optionalString: value)
            return HashInput(name, column)
        }
        let strategy = HashStrategy(algorithm: algorithm, keyFormat: .hex, profile: profile, hexCase: hexCase)
        let hasher = BatchHasher(strategy: strategy)
        let kind: HashInputKind = hashdiff ? .hashdiff : .key
        let batch = hasher.standardiser.standardise(inputs, kind: kind)
        let digest = hasher.keyColumn(batch).string(at: 0) ?? "NULL"
        if digestOnly {
            print(digest)
            return
        }
        let standardised: String
        switch batch.outcome(0) {
        case .hash: standardised = batch.string(0)
        case .null: standardised = "NULL (every value is NULL or empty: the row is not loaded)"
        case .zeroKey: standardised = "NULL (every value is NULL: the zero key)"
        }
        let order = hasher.standardiser.ordered(inputs, kind: kind).map(\.name)
        print("profile:      \(profile.rawValue) (\(hashdiff ? "hashdiff" : "key"))")
        if hashdiff { print("columns:      \(order.joined(separator: ", "))") }
        print("standardised: \(standardised)")
        print("\((algorithm.rawValue + ":").padded(to: 14))\(digest)")
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
    func padded(to width: Int) -> String { self + String(repeating: " ", count: max(1, width - count)) }
}

/// The raw command-line bytes, which Swift's `CommandLine.arguments` would silently repair.
enum RawArguments {
    /// The 1-based position of the first argument that is not valid UTF-8, if any.
    static func firstInvalidUTF8() -> Int? {
        for i in 1..<Int(CommandLine.argc) {
            guard let p = CommandLine.unsafeArgv[i] else { continue }
            if String(validatingCString: p) == nil { return i }
        }
        return nil
    }
}
