// SourceModel.swift: a source table of a model: its columns, their types, and their encodings.

import VaultColumnar

/// A source table the vault loads from: typed columns in file order, and which string columns
/// are stored dictionary encoded (low cardinality).
public struct SourceModel: Sendable, Equatable {
    /// The table name (`customers`).
    public var name: String
    /// What a row is (optional).
    public var description: String
    /// The columns in file order; a column is nullable unless declared `nullable: false`.
    public var fields: [Field]
    /// String columns stored dictionary encoded, in file order.
    public var dictionary: [String]

    public init(name: String, description: String = "", fields: [Field], dictionary: [String] = []) {
        self.name = name
        self.description = description
        self.fields = fields
        self.dictionary = dictionary
    }

    /// The column called `name`.
    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    /// The columns as a schema (names are unique in a valid model).
    public var schema: Schema { Schema(fields) }
}
