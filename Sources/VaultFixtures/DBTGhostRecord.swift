// DBTGhostRecord.swift: the ghost record of a satellite model, as AutomateDV writes it.

import VaultColumnar
import VaultHashing
import VaultModel

/// The ghost row every satellite model starts with, built column by column the way AutomateDV's
/// `create_ghost_record` does when `enable_ghost_records` is on:
///
/// | column | value |
/// |---|---|
/// | hash keys (`..._hk`) and `hash_diff` | the zero key: `0` × 2·digest (hex text, as the seeds hold keys) |
/// | `load_date` | `1900-01-01 00:00:00` |
/// | `record_source` | `AUTOMATE_DV_SYSTEM` (AutomateDV's `system_record_value`) |
/// | anything else (payload, dates) | `NULL` of the column's type |
///
/// The values are the vault's own ``GhostRecord`` under the strategy, so the model and vaultsim's
/// table cannot drift apart. As in AutomateDV's `sat`, the model's rows are `ghost UNION ALL` the
/// versions it inserts (a full rebuild: the ghost is written once).
public struct DBTGhostRecord: Sendable {
    /// The zero key as hex text.
    public let key: String
    /// The ghost load date, `YYYY-MM-DD HH:MM:SS`.
    public let loadDate: String
    /// The system record source.
    public let recordSource: String

    public init(strategy: HashStrategy) {
        let ghost = GhostRecord(strategy: strategy)
        key = String(repeating: "0", count: strategy.algorithm.digestLength * 2)
        loadDate = ghost.loadDateText
        recordSource = ghost.recordSource
    }

    /// `TIMESTAMP '1900-01-01 00:00:00'`
    public var loadDateLiteral: String { "TIMESTAMP '\(loadDate)'" }

    /// `'000…'`
    public var keyLiteral: String { "'\(key)'" }

    /// The ghost row of a table with `schema`: one literal per column, in column order.
    public func select(_ schema: Schema) -> String {
        let columns = schema.fields.map { field -> String in
            let value: String
            if field.name.hasSuffix("_hk") || field.name == "hash_diff" {
                value = keyLiteral
            } else if field.name == "load_date" {
                value = loadDateLiteral
            } else if field.name == "record_source" {
                value = "'\(recordSource)'"
            } else {
                value = "CAST(NULL AS \(DBTTypes.sql(field.type)))"
            }
            return "\(value) AS \(field.name)"
        }
        return "SELECT " + columns.joined(separator: ",\n           ")
    }

    /// The tail of a satellite model: a `ghost` CTE, `records_to_insert` = the ghost row, then the
    /// rows of `inserted` (a SELECT giving the table's columns in order), and the final SELECT.
    func recordsToInsert(_ schema: Schema, inserted: String) -> String {
        """
        ghost AS (
            -- The ghost record (AutomateDV, enable_ghost_records): zero key and hashdiff, \(loadDate),
            -- \(recordSource), NULL payload; point-in-time tables point at it where no version is in force.
            \(select(schema))
        ),
        records_to_insert AS (
            SELECT * FROM ghost
            UNION ALL
        \(inserted)
        )
        SELECT * FROM records_to_insert

        """
    }
}
