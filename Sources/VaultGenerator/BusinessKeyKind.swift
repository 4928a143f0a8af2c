// BusinessKeyKind.swift: the spelling of the retail business keys (prefix and zero-padded number).

/// The kinds of business key the generator writes, each a prefix and a zero-padded number:
///
/// | kind | example | digits |
/// |---|---|---|
/// | `customer` | `C0000123` | 7 |
/// | `product` | `P000123` | 6 |
/// | `store` | `S0012` | 4 |
/// | `transaction` | `T00000000123` | 11 |
/// | `promotion` | `PROMO012` | 3 |
///
/// Numbers wider than `digits` are written in full (never truncated), so keys stay distinct.
public enum BusinessKeyKind: String, CaseIterable, Sendable, Codable {
    case customer, product, store, transaction, promotion

    /// The letters before the number.
    public var prefix: String { String(describing: staticPrefix) }

    /// The prefix as the generator's byte writers take it.
    var staticPrefix: StaticString {
        switch self {
        case .customer: return "C"
        case .product: return "P"
        case .store: return "S"
        case .transaction: return "T"
        case .promotion: return "PROMO"
        }
    }

    /// The number's width in digits (zero-padded).
    public var digits: Int {
        switch self {
        case .customer: return 7
        case .product: return 6
        case .store: return 4
        case .transaction: return 11
        case .promotion: return 3
        }
    }

    /// The key numbered `number` (>= 0), clean: `text(123)` of a customer is `C0000123`.
    public func text(_ number: Int) -> String {
        precondition(number >= 0, "business key numbers are not negative")
        let digits = String(number)
        return prefix + String(repeating: "0", count: max(0, self.digits - digits.count)) + digits
    }

    /// The kind whose spelling `key` has (after trimming spaces and uppercasing), or `nil`:
    /// a prefix followed by at least one digit and nothing else. `PROMO...` is a promotion, not a product.
    public init?(inferringFrom key: String) {
        let clean = key.trimmingSpaces().uppercased()
        let byLongestPrefix = Self.allCases.sorted { $0.prefix.count > $1.prefix.count }
        guard let kind = byLongestPrefix.first(where: { clean.hasPrefix($0.prefix) }) else { return nil }
        let number = clean.dropFirst(kind.prefix.count)
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        self = kind
    }
}

extension String {
    /// The string without leading and trailing spaces (U+0020 only, as the loader trims).
    func trimmingSpaces() -> Substring {
        var s = self[...]
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}

extension ByteCursor {
    /// Writes a business key of `kind` numbered `number`, spelled according to `noise`. A clean key
    /// that fits is written as a ``SpelledKey`` when there are 16 bytes of room.
    @inline(__always)
    mutating func key(_ kind: BusinessKeyKind, _ number: Int, noise: UInt64 = 0) {
        if noise == 0 && count + 16 <= limit, let spelled = SpelledKey(kind, number) {
            write(spelled)
        } else {
            key(kind.staticPrefix, number, width: kind.digits, noise: noise)
        }
    }
}
