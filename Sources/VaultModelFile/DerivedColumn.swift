// DerivedColumn.swift: a satellite column computed from its source row.

import VaultColumnar

/// A column a satellite computes from its source row with an expression (see
/// ``ModelExpression``): `total_amount = unit_price * quantity - discount_amount + tax_amount`.
public struct DerivedColumn: Sendable, Equatable {
    /// The column's name (not a column of the source).
    public var name: String
    /// The stored type; the expression's type must fit it (``ExpressionTyping``).
    public var type: ColumnType
    /// The parsed expression.
    public var expression: ModelExpression
    /// What it means (optional).
    public var description: String

    public init(name: String, type: ColumnType, expression: ModelExpression, description: String = "") {
        self.name = name
        self.type = type
        self.expression = expression
        self.description = description
    }
}
