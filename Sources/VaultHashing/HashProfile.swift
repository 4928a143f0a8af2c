// HashProfile.swift: the standardisation rules of the dbt packages vaultsim is byte-compatible with.

/// A set of rules turning column values into the string that is hashed, as a dbt package does it.
///
/// The rules, with the SQL they reproduce, are spelled out in the README ("Hashing profiles") and in
/// `docs/HASHING-PROFILES.md`, with test vectors.
public enum HashProfile: String, CaseIterable, Sendable, Codable {
    /// AutomateDV (Snowflake, `hash_content_casing: upper`):
    /// `NULLIF(UPPER(TRIM(CAST(x AS VARCHAR))), '')`; keys join with `||` and `^^` for NULL, an
    /// all-NULL key is NULL; hashdiff columns are sorted by name (case-insensitively) and have no
    /// all-NULL rule; digests are raw binary (shown as uppercase hex).
    case automatedv
    /// datavault4dbt v2 (Snowflake): each value trimmed, `\` doubled, `^^` inside a value turned
    /// into `--`, wrapped in `"`; NULL is `^^`; joined with `||`; keys uppercased, hashdiffs not;
    /// LF, TAB, VT and CR removed; an all-NULL input gives the zero key; hashdiff columns keep
    /// their order; lowercase hex output.
    case datavault4dbt

    /// The rules of this profile.
    public var rules: ProfileRules {
        switch self {
        case .automatedv:
            return ProfileRules(uppercaseKeys: true, uppercaseHashdiffs: true, emptyIsNull: true,
                                quoteValues: false, sortHashdiffColumns: true, stripControlCharacters: false,
                                allNullKey: .null, allNullHashdiff: .hashPlaceholders, defaultHexCase: .upper)
        case .datavault4dbt:
            return ProfileRules(uppercaseKeys: true, uppercaseHashdiffs: false, emptyIsNull: false,
                                quoteValues: true, sortHashdiffColumns: false, stripControlCharacters: true,
                                allNullKey: .zeroKey, allNullHashdiff: .zeroKey, defaultHexCase: .lower)
        }
    }
}

/// What a profile does with an input whose values are all NULL.
public enum AllNullRule: Sendable, Equatable {
    /// The key is NULL: the row is not loaded (AutomateDV keys).
    case null
    /// The placeholders are hashed like any string (`^^||^^`; AutomateDV hashdiffs).
    case hashPlaceholders
    /// The zero key: all digest bytes zero (datavault4dbt's unknown key).
    case zeroKey
}

/// The individual switches of a profile.
public struct ProfileRules: Sendable, Equatable {
    /// Uppercase key input (after concatenation; ASCII fast path, Unicode-correct otherwise).
    public var uppercaseKeys: Bool
    /// Uppercase hashdiff input.
    public var uppercaseHashdiffs: Bool
    /// A value that is empty after trimming counts as NULL.
    public var emptyIsNull: Bool
    /// Wrap each value in `"`, double `\`, and turn `^^` inside a value into `--`.
    public var quoteValues: Bool
    /// Sort hashdiff columns by name, case-insensitively.
    public var sortHashdiffColumns: Bool
    /// Remove LF, TAB, VT and CR from the concatenated string.
    public var stripControlCharacters: Bool
    public var allNullKey: AllNullRule
    public var allNullHashdiff: AllNullRule
    public var defaultHexCase: HexCase

    /// The text that stands for NULL.
    public static let nullPlaceholder: [UInt8] = Array("^^".utf8)
    /// The text between values.
    public static let separator: [UInt8] = Array("||".utf8)
}

/// Whether a hashed input is a key (hub or link) or a hashdiff (satellite payload).
public enum HashInputKind: Sendable, Equatable {
    case key
    case hashdiff
}
