// DBTHashSQL.swift: the AutomateDV hashing rules as DuckDB SQL expressions.

import VaultColumnar
import VaultHashing

/// Hash keys and hashdiffs in DuckDB SQL, exactly as vaultsim computes them under the AutomateDV
/// profile (README "Hashing"; the reference rebuild is `scripts/vaultcheck/pipeline.py`):
///
/// ```
/// std(x)    = NULLIF(upper(trim(CAST(x AS VARCHAR), ' ')), '')
/// key(x)    = H(std(x))                                              NULL in, NULL out
/// key(a, b) = H(NULLIF(concat_ws('||', coalesce(std(a), '^^'), coalesce(std(b), '^^')), '^^||^^'))
/// diff(...) = H(concat_ws('||', coalesce(std(c), '^^') ...)) over the columns sorted by name
/// ```
///
/// `H` is DuckDB's `md5`, `sha1` or `sha256` (lowercase hex), upper-cased when the vault's keys
/// print in upper case (binary keys always do in CSV exports).
public struct DBTHashSQL: Sendable {
    public let strategy: HashStrategy
    let function: String
    let upperCase: Bool

    /// Fails for strategies DuckDB SQL cannot reproduce: XXH3 (no DuckDB function) and the
    /// datavault4dbt profile (not written for DuckDB here).
    public init(strategy: HashStrategy) throws(FixtureError) {
        guard strategy.profile == .automatedv else {
            throw .unsupported("the dbt project follows the automatedv profile; --profile \(strategy.profile.rawValue) "
                               + "is not supported by export-dbt")
        }
        switch strategy.algorithm {
        case .md5: function = "md5"
        case .sha1: function = "sha1"
        case .sha256: function = "sha256"
        case .xxh3:
            throw .unsupported("DuckDB has no XXH3-128 function: export-dbt supports --hash md5, sha1 and sha256")
        }
        self.strategy = strategy
        upperCase = strategy.keyFormat == .binary || strategy.effectiveHexCase == .upper
    }

    /// The standardised text of a column: `NULLIF(upper(trim(CAST(x AS VARCHAR), ' ')), '')`.
    public func standardised(_ column: String) -> String {
        "NULLIF(upper(trim(CAST(\(column) AS VARCHAR), ' ')), '')"
    }

    /// The digest of a text expression as hex in the vault's case.
    func digest(_ text: String) -> String {
        upperCase ? "upper(\(function)(\(text)))" : "\(function)(\(text))"
    }

    /// `concat_ws('||', coalesce(std(a), '^^'), ...)`, one value per line (indented 8 spaces).
    func joined(_ columns: [String]) -> String {
        "concat_ws('||',\n" + columns.map { "        coalesce(\(standardised($0)), '^^')" }.joined(separator: ",\n") + ")"
    }

    /// A hash key of one or more columns (NULL when every value is NULL or blank).
    public func key(_ columns: [String]) -> String {
        precondition(!columns.isEmpty, "a key needs a column")
        if columns.count == 1 { return digest(standardised(columns[0])) }
        let allNull = Array(repeating: "^^", count: columns.count).joined(separator: "||")
        return digest("NULLIF(\(joined(columns)), '\(allNull)')")
    }

    /// A hashdiff over `columns`, taken in the profile's order (sorted by name, case-insensitively).
    public func hashdiff(_ columns: [String]) -> String {
        let inputs = columns.map { HashInput($0, Column(.string)) }
        let ordered = Standardiser(profile: strategy.profile).ordered(inputs, kind: .hashdiff).map(\.name)
        return digest(joined(ordered))
    }
}
