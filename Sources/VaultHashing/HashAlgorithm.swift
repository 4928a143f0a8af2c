// HashAlgorithm.swift: the hash strategies a vault can use for its keys.

/// A hash algorithm for hash keys and hashdiffs.
///
/// | algorithm | digest | binary column | hex column | implementation |
/// |---|---|---|---|---|
/// | `md5` | 16 bytes | fixed_binary(16) | 32 chars | SIMD multi-buffer kernels |
/// | `sha1` | 20 bytes | fixed_binary(20) | 40 chars | SIMD multi-buffer / SHA-NI |
/// | `sha256` | 32 bytes | fixed_binary(32) | 64 chars | SHA-NI / SIMD multi-buffer |
/// | `xxh3` | 16 bytes | fixed_binary(16) | 32 chars | libxxhash XXH3-128 (non-cryptographic) |
///
/// XXH3-128 digests are written in xxHash's canonical byte order (big-endian high half, then low
/// half), which is what `xxh128sum` prints.
public enum HashAlgorithm: String, CaseIterable, Sendable, Codable {
    case md5
    case sha1
    case sha256
    case xxh3

    /// Digest length in bytes.
    public var digestLength: Int {
        switch self {
        case .md5, .xxh3: return 16
        case .sha1: return 20
        case .sha256: return 32
        }
    }

    /// Parses an algorithm name, accepting the spellings dbt users know:
    /// `sha` (AutomateDV's name for SHA-256), `sha2`, `sha-256`, `sha-1`, `xxh128`, any case.
    public init?(name: String) {
        switch name.lowercased() {
        case "md5": self = .md5
        case "sha1", "sha-1": self = .sha1
        case "sha256", "sha-256", "sha2", "sha": self = .sha256
        case "xxh3", "xxh128", "xxh3-128", "xxhash": self = .xxh3
        default: return nil
        }
    }
}

/// How hash keys are stored in the vault's columns.
public enum KeyFormat: String, CaseIterable, Sendable, Codable {
    /// The raw digest: a fixed_binary column of the digest length.
    case binary
    /// The digest as hex text: a string column of twice the digest length.
    case hex
}

/// The letter case of hex digests.
public enum HexCase: String, CaseIterable, Sendable, Codable {
    case upper
    case lower
}

/// Everything that decides the bytes of a vault's hash keys.
public struct HashStrategy: Hashable, Sendable, Codable, CustomStringConvertible {
    public var algorithm: HashAlgorithm
    public var keyFormat: KeyFormat
    public var profile: HashProfile
    /// Hex case for hex keys; `nil` means the profile's own (AutomateDV upper, datavault4dbt lower).
    public var hexCase: HexCase?

    public init(algorithm: HashAlgorithm = .md5, keyFormat: KeyFormat = .binary,
                profile: HashProfile = .automatedv, hexCase: HexCase? = nil) {
        self.algorithm = algorithm
        self.keyFormat = keyFormat
        self.profile = profile
        self.hexCase = hexCase
    }

    /// The hex case in force.
    public var effectiveHexCase: HexCase { hexCase ?? profile.rules.defaultHexCase }

    public var description: String { "\(algorithm.rawValue)/\(keyFormat.rawValue)/\(profile.rawValue)" }
}
