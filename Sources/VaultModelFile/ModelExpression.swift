// ModelExpression.swift: the expression language of derived columns.

/// An expression computing a derived column from its satellite's source row:
///
/// ```
/// expression := term (("+" | "-") term)*
/// term       := factor ("*" factor)*
/// factor     := column | number | "(" expression ")" | lookup
/// lookup     := "lookup(" satellite "." column "," key-column ")"
/// ```
///
/// - a `column` is a column of the source table or another derived column of the same satellite;
/// - a `number` is an integer (`2`) or a decimal (`0.08`, scale = its digits after the point);
/// - `lookup(sat_product_pricing.unit_cost, product_id)` is the `unit_cost` of the
///   `sat_product_pricing` version in force at the row's load date for the hub key of the row's
///   `product_id` (versions loaded in the same batch count); NULL when the key has no version.
///
/// Any NULL operand makes the result NULL. `*` binds tighter than `+` and `-`, which associate
/// to the left. Types: ``ExpressionTyping``.
public indirect enum ModelExpression: Sendable, Equatable, CustomStringConvertible {
    /// A column of the row.
    case column(String)
    /// A numeric literal, as written (`2`, `0.08`).
    case number(String)
    /// The value of a satellite's column in force for a hub key.
    case lookup(ModelLookup)
    /// `left op right`.
    case binary(ArithmeticOperator, ModelExpression, ModelExpression)

    /// The row columns the expression reads (lookup keys included), in order of appearance.
    public var columns: [String] {
        switch self {
        case .column(let name): return [name]
        case .number: return []
        case .lookup(let lookup): return [lookup.key]
        case .binary(_, let left, let right): return left.columns + right.columns
        }
    }

    /// The lookups the expression makes, in order of appearance.
    public var lookups: [ModelLookup] {
        switch self {
        case .column, .number: return []
        case .lookup(let lookup): return [lookup]
        case .binary(_, let left, let right): return left.lookups + right.lookups
        }
    }

    /// The expression written back, with the fewest parentheses that keep its meaning.
    public var description: String { text(parentPrecedence: 0, rightOperand: false) }

    private func text(parentPrecedence: Int, rightOperand: Bool) -> String {
        switch self {
        case .column(let name): return name
        case .number(let text): return text
        case .lookup(let lookup): return lookup.description
        case .binary(let op, let left, let right):
            let inner = "\(left.text(parentPrecedence: op.precedence, rightOperand: false)) \(op.rawValue) "
                + right.text(parentPrecedence: op.precedence, rightOperand: true)
            let needs = op.precedence < parentPrecedence || (op.precedence == parentPrecedence && rightOperand)
            return needs ? "(\(inner))" : inner
        }
    }
}

/// `+`, `-` and `*`.
public enum ArithmeticOperator: String, Sendable, Equatable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"

    /// `*` binds tighter.
    var precedence: Int { self == .multiply ? 2 : 1 }
}

/// `lookup(satellite.column, key)`: the value of `column` in the version of `satellite` in force
/// for the hub key hashed from the row's `key` column.
public struct ModelLookup: Sendable, Hashable, CustomStringConvertible {
    /// A satellite of a hub.
    public var satellite: String
    /// One of its stored columns.
    public var column: String
    /// The row's column holding that hub's business key.
    public var key: String

    public init(satellite: String, column: String, key: String) {
        self.satellite = satellite
        self.column = column
        self.key = key
    }

    public var description: String { "lookup(\(satellite).\(column), \(key))" }
}
