// ExpressionTyping.swift: the type of an expression, and whether it fits a declared column type.

import VaultColumnar

/// What an expression gives.
public enum ExpressionType: Sendable, Equatable, CustomStringConvertible {
    /// From `int32` and `int64` columns and integer literals.
    case integer
    /// A fixed-point number with `scale` digits after the point.
    case decimal(scale: Int)
    /// A floating-point number.
    case double
    /// A non-numeric column (or lookup) used as it is, without arithmetic.
    case other(ColumnType)

    /// The expression type of a column of type `type`.
    public init(_ type: ColumnType) {
        switch type {
        case .int32, .int64: self = .integer
        case .decimal(_, let scale): self = .decimal(scale: scale)
        case .double: self = .double
        default: self = .other(type)
        }
    }

    public var description: String {
        switch self {
        case .integer: return "an integer"
        case .decimal(let scale): return "a decimal of scale \(scale)"
        case .double: return "a double"
        case .other(let type): return "a \(type)"
        }
    }
}

/// The type rules of ``ModelExpression``:
///
/// | operands | `+`, `-` | `*` |
/// |---|---|---|
/// | integer, integer | integer | integer |
/// | decimal(s), integer (either order) | decimal(s) | decimal(s) |
/// | decimal(s), decimal(t) | decimal(s) if s = t, else an error | decimal(s + t) |
/// | double, any number | double | double |
///
/// Strings, dates, times, timestamps, booleans and binary values take no arithmetic. A derived
/// column's declared type must fit the expression's: an integer fits `int32`, `int64`, any
/// `decimal` and `double`; a decimal of scale s fits `decimal(p,s)` and `double`; a double fits
/// `double`; a bare non-numeric column fits its own type.
public enum ExpressionTyping {
    /// The type of `expression`, given the type of every row column and lookup it reads; the
    /// error is one sentence naming the operand at fault.
    public static func type(of expression: ModelExpression, columns: [String: ColumnType],
                            lookups: [ModelLookup: ColumnType]) throws(ExpressionTypeError) -> ExpressionType {
        switch expression {
        case .column(let name):
            guard let type = columns[name] else { throw ExpressionTypeError("unknown column '\(name)'") }
            return ExpressionType(type)
        case .number(let text):
            guard let point = text.firstIndex(of: ".") else { return .integer }
            return .decimal(scale: text.distance(from: point, to: text.endIndex) - 1)
        case .lookup(let lookup):
            guard let type = lookups[lookup] else { throw ExpressionTypeError("unknown lookup \(lookup)") }
            return ExpressionType(type)
        case .binary(let op, let left, let right):
            let a = try number(left, op, columns: columns, lookups: lookups)
            let b = try number(right, op, columns: columns, lookups: lookups)
            switch (a, b) {
            case (.double, _), (_, .double): return .double
            case (.integer, .integer): return .integer
            case (.decimal(let s), .integer), (.integer, .decimal(let s)): return .decimal(scale: s)
            case (.decimal(let s), .decimal(let t)):
                if op == .multiply { return .decimal(scale: s + t) }
                guard s == t else {
                    throw ExpressionTypeError("'\(expression)' \(op == .add ? "adds" : "subtracts") decimals of scales \(s) and \(t); the scales must match")
                }
                return .decimal(scale: s)
            default: preconditionFailure("number() returns numbers only")
            }
        }
    }

    /// The type of an operand of `op`, which must be a number.
    private static func number(_ operand: ModelExpression, _ op: ArithmeticOperator, columns: [String: ColumnType],
                               lookups: [ModelLookup: ColumnType]) throws(ExpressionTypeError) -> ExpressionType {
        let type = try type(of: operand, columns: columns, lookups: lookups)
        guard case .other(let columnType) = type else { return type }
        let what: String
        switch operand {
        case .column(let name): what = "'\(name)' is a \(columnType) column"
        case .lookup(let lookup): what = "\(lookup) gives a \(columnType)"
        default: what = "'\(operand)' gives a \(columnType)"
        }
        throw ExpressionTypeError("\(what): '\(op.rawValue)' takes numbers (int32, int64, decimal, double)")
    }

    /// Whether a value of type `type` may be stored in a column declared `declared`.
    public static func fits(_ type: ExpressionType, _ declared: ColumnType) -> Bool {
        switch (type, declared) {
        case (.integer, .int32), (.integer, .int64), (.integer, .decimal), (.integer, .double): return true
        case (.decimal(let s), .decimal(_, let t)): return s == t
        case (.decimal, .double), (.double, .double): return true
        case (.other(let t), _): return t == declared
        default: return false
        }
    }
}

/// Why an expression has no type: one sentence.
public struct ExpressionTypeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
