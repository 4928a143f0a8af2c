// GhostRecord.swift: the one row every satellite starts with, so point-in-time joins never miss.

import VaultColumnar
import VaultHashing

/// The ghost record of a profile (see docs/BUSINESS-VAULT.md): the zero key, a load date before any
/// real load, the zero hashdiff, a system record source and NULL payload. A point-in-time table
/// references it where no version of a key is in force.
///
/// | profile | `load_date` | `record_source` |
/// |---|---|---|
/// | automatedv | 1900-01-01 00:00:00 | `AUTOMATE_DV_SYSTEM` |
/// | datavault4dbt | 0001-01-01 00:00:01 | `SYSTEM` |
public struct GhostRecord: Sendable, Equatable {
    /// Load date of the ghost row, microseconds since the epoch.
    public var loadDate: Int64
    /// Record source of the ghost row.
    public var recordSource: String
    /// The zero key in the vault's key form: `digest` zero bytes, or `2·digest` `0` characters.
    public var key: [UInt8]

    public init(strategy: HashStrategy) {
        switch strategy.profile {
        case .automatedv:
            loadDate = Int64(CivilDate(year: 1900, month: 1, day: 1).daysSinceEpoch) * Self.microsPerDay
            recordSource = "AUTOMATE_DV_SYSTEM"
        case .datavault4dbt:
            loadDate = Int64(CivilDate(year: 1, month: 1, day: 1).daysSinceEpoch) * Self.microsPerDay + 1_000_000
            recordSource = "SYSTEM"
        }
        let digest = strategy.algorithm.digestLength
        key = strategy.keyFormat == .binary ? [UInt8](repeating: 0, count: digest)
                                            : [UInt8](repeating: UInt8(ascii: "0"), count: 2 * digest)
    }

    static let microsPerDay: Int64 = 86_400_000_000

    /// Appends the ghost row to an empty table whose first columns are `parent key, load_date`
    /// and whose other columns are the hashdiff (key typed), the record source, or NULL.
    func row(for schema: Schema, name: String) -> Table {
        var table = VaultSchemas.emptyTable(name, schema)
        table.withColumns { columns in
            for (k, field) in schema.fields.enumerated() {
                if k == 1 && field.name == "load_date" {
                    columns[k].append(loadDate)
                } else if field.name == "record_source" {
                    columns[k].append(string: recordSource)
                } else if k == 0 || field.name == "hash_diff" || field.name.hasSuffix("_hk") {
                    appendKey(&columns[k])
                } else {
                    columns[k].appendNull()
                }
            }
        }
        return table
    }

    private func appendKey(_ column: inout Column) {
        key.withUnsafeBytes { bytes in
            if column.type == .string { column.append(utf8: bytes) } else { column.append(binary: bytes) }
        }
    }
}
