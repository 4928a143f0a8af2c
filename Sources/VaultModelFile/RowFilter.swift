// RowFilter.swift: the rows of a source that may form a link.

/// A condition on one column of a source row: `where: {column: promotion_id, not_equal: PROMO000}`.
///
/// The column's value is compared as a business key: spaces trimmed and upper-cased, so
/// ` promo000 ` equals `PROMO000`. A NULL value is never equal (and a NULL key never forms a
/// link anyway).
public struct RowFilter: Sendable, Equatable, CustomStringConvertible {
    /// The source column tested.
    public var column: String
    /// Rows whose cleaned value equals this text are left out.
    public var notEqual: String

    public init(column: String, notEqual: String) {
        self.column = column
        self.notEqual = notEqual
    }

    /// Whether a row with this value passes (`nil` is NULL).
    public func passes(_ value: String?) -> Bool {
        guard let value else { return true }
        return RowFilter.cleaned(value) != RowFilter.cleaned(notEqual)
    }

    /// A business key as hubs store it: spaces trimmed, upper-cased.
    static func cleaned(_ text: String) -> String {
        var scalars = Substring(text)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return scalars.uppercased()
    }

    public var description: String { "\(column) <> '\(notEqual)'" }
}
