// InspectError.swift: what can go wrong when asking for a table, column or key, in one sentence each.

/// A request that names something the vault does not have; each message lists what it does have.
public enum InspectError: Error, Equatable, CustomStringConvertible {
    case unknownTable(String, valid: [String])
    case unknownColumn(String, table: String, valid: [String])
    case unknownEntity(String, valid: [String])
    case entityNotInferred(key: String, valid: [String])
    case nullKey(String)
    case tableDoesNotNameKey(table: String, entity: String)
    /// No row refers to the key (`where` names it and, for `show TABLE --key`, the table).
    case keyNotFound(String)

    public var description: String {
        switch self {
        case .unknownTable(let name, let valid):
            return "no table named '\(name)'; the tables are: \(valid.joined(separator: ", "))"
        case .unknownColumn(let name, let table, let valid):
            return "table \(table) has no column '\(name)'; its columns are: \(valid.joined(separator: ", "))"
        case .unknownEntity(let name, let valid):
            return "no entity '\(name)'; the entities are: \(valid.joined(separator: ", "))"
        case .entityNotInferred(let key, let valid):
            return "cannot tell the entity of key '\(key)' from its spelling; give --entity (\(valid.joined(separator: ", ")))"
        case .nullKey(let key):
            return "the key '\(key)' is empty after standardisation, so no row can carry it"
        case .tableDoesNotNameKey(let table, let entity):
            return "table \(table) refers to no \(entity) key (no hub_\(entity)_hk column nor a link naming that hub)"
        case .keyNotFound(let what):
            return "no row refers to \(what)"
        }
    }
}
