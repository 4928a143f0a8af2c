// ModelDiagnostic.swift: one mistake in a model file, by file, line and field.

/// One mistake in a model file: `retail.yaml:42: links.link_sales.src_fk: unknown hub
/// 'hub_custmer' (hubs: hub_customer, hub_product)`.
public struct ModelDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// The class of mistake.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The text is not YAML (or repeats a key of a mapping).
        case syntax
        /// A key the format does not have at that place.
        case unknownKey
        /// A required field is absent.
        case missingField
        /// A value of the wrong shape or out of its range (a list for a name, an unknown type).
        case invalidValue
        /// A name of a hub, link, satellite or source that the model does not declare.
        case unknownReference
        /// A key, payload or filter column that its source table does not have.
        case missingColumn
        /// A column of the wrong type for its use (arithmetic on a string, a business key that is
        /// not a string, a lookup of a column the satellite does not store).
        case typeMismatch
        /// Derived columns, or satellites through their lookups, depending on each other.
        case cycle
        /// Two tables, or two entries of one mapping, with the same name.
        case duplicateName
    }

    /// The file as it was named to the reader.
    public var file: String
    /// 1-based line, 0 when the mistake has no place (an empty file).
    public var line: Int
    /// The field's path: `links.link_sales.src_fk[1]`; empty for the whole file.
    public var field: String
    public var kind: Kind
    /// One sentence, without the place.
    public var message: String

    public init(file: String, line: Int, field: String, kind: Kind, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.kind = kind
        self.message = message
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line):" : "\(file):"
        return field.isEmpty ? "\(place) \(message)" : "\(place) \(field): \(message)"
    }
}

/// A model file that could not be read: every mistake found, in line order.
public struct ModelFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var diagnostics: [ModelDiagnostic]

    public init(diagnostics: [ModelDiagnostic]) { self.diagnostics = diagnostics }

    /// One mistake a line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
