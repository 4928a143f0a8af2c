// HashingRule.swift: the default hash strategy of a model.

import VaultHashing

/// How a model's keys and hashdiffs are hashed unless a command chooses otherwise: the algorithm,
/// the key format and the profile (AutomateDV's or datavault4dbt's rules).
public struct HashingRule: Sendable, Equatable {
    /// `md5`, `sha1`, `sha256` (or `sha`), `xxh3`.
    public var algorithm: HashAlgorithm
    /// `binary` or `hex`.
    public var keyFormat: KeyFormat
    /// `automatedv` or `datavault4dbt`.
    public var profile: HashProfile
    /// `upper` or `lower` for hex keys; `nil`: the profile's own.
    public var hexCase: HexCase?

    public init(algorithm: HashAlgorithm = .md5, keyFormat: KeyFormat = .binary, profile: HashProfile = .automatedv,
                hexCase: HexCase? = nil) {
        self.algorithm = algorithm
        self.keyFormat = keyFormat
        self.profile = profile
        self.hexCase = hexCase
    }

    /// The strategy the engine hashes with.
    public var strategy: HashStrategy {
        HashStrategy(algorithm: algorithm, keyFormat: keyFormat, profile: profile, hexCase: hexCase)
    }
}
