// SpelledKey.swift: a clean business key spelled once into two machine words.

/// The clean spelling of a business key (`T00000000123`), at most 16 bytes, held in two
/// little-endian words so that writing it into a row is two 8-byte stores.
///
/// A transaction's lines repeat its transaction, customer and store keys, so the generator spells
/// them once per transaction and copies them per line; digits are made eight at a time in a
/// register (``ByteCursor/eightDigits(_:)``), never byte by byte.
///
/// ```
///  "T" + 11 digits:  low word  T 0 0 0 0 0 0 0     high word  0 1 2 3 . . . .   count 12
/// ```
struct SpelledKey {
    private(set) var low: UInt64
    private(set) var high: UInt64
    /// The number of bytes of the key (the rest of the words is zero).
    let count: Int

    /// The key of `kind` numbered `number`, or `nil` when its spelling would not fit 16 bytes
    /// (a number wider than its kind's digits, more than 16 - prefix digits long).
    @inline(__always)
    init?(_ kind: BusinessKeyKind, _ number: Int) {
        let (prefix, prefixLength) = kind.prefixWord
        guard let key = Self.spell(number, prefix: prefix, prefixLength: prefixLength, width: kind.digits) else { return nil }
        self = key
    }

    private init(low: UInt64, high: UInt64, count: Int) {
        self.low = low
        self.high = high
        self.count = count
    }

    /// The keys of the kinds a sales line repeats, with their prefixes and widths as constants
    /// (see ``BusinessKeyKind/prefixWord`` and ``BusinessKeyKind/digits``), for the hot paths.
    @inline(__always) static func transaction(_ number: Int) -> SpelledKey? { spell(number, prefix: 0x54, prefixLength: 1, width: 11) }
    @inline(__always) static func customer(_ number: Int) -> SpelledKey? { spell(number, prefix: 0x43, prefixLength: 1, width: 7) }
    @inline(__always) static func product(_ number: Int) -> SpelledKey? { spell(number, prefix: 0x50, prefixLength: 1, width: 6) }
    @inline(__always) static func store(_ number: Int) -> SpelledKey? { spell(number, prefix: 0x53, prefixLength: 1, width: 4) }

    /// `prefix` (its bytes as a little-endian word, `prefixLength` of them) and `number`
    /// zero-padded to `width` digits; `nil` when the number is wider or the key longer than 16 bytes.
    @inline(__always)
    static func spell(_ number: Int, prefix: UInt64, prefixLength: Int, width: Int) -> SpelledKey? {
        guard number >= 0 && number < pow10(width) && prefixLength + width <= 16 else { return nil }
        let n = UInt64(number)
        // The digits as a little-endian byte string of `width` bytes in (d0, d1).
        var d0: UInt64, d1: UInt64
        if width <= 8 {
            d0 = ByteCursor.eightDigits(n) >> UInt64(8 * (8 - width))
            d1 = 0
        } else {
            let top = ByteCursor.eightDigits(n / 100_000_000) >> UInt64(8 * (16 - width))
            let bottom = ByteCursor.eightDigits(n % 100_000_000)
            d0 = top | bottom << UInt64(8 * (width - 8))
            d1 = bottom >> UInt64(8 * (16 - width))
        }
        // The prefix, then the digits shifted past it (Swift's shifts give 0 past 63 bits).
        let shift = UInt64(8 * prefixLength)
        return SpelledKey(low: prefix | d0 << shift, high: d0 >> (64 - shift) | d1 << shift, count: prefixLength + width)
    }
}

extension BusinessKeyKind {
    /// The prefix's bytes as a little-endian word, and its length (at most 8).
    @inline(__always)
    var prefixWord: (UInt64, Int) {
        switch self {
        case .customer: return (0x43, 1)                  // C
        case .product: return (0x50, 1)                   // P
        case .store: return (0x53, 1)                     // S
        case .transaction: return (0x54, 1)               // T
        case .promotion: return (0x4F_4D_4F_52_50, 5)     // PROMO
        }
    }
}

extension ByteCursor {
    /// Writes a spelled key: two unchecked 8-byte stores (16 bytes of room needed; the bytes past
    /// the key are zero and not counted).
    @inline(__always)
    mutating func write(_ key: SpelledKey) { write(low: key.low, high: key.high, count: key.count) }

    /// Writes the first `n` bytes of two little-endian words with two unchecked 8-byte stores
    /// (16 bytes of room needed; the bytes stored past `n` are not counted).
    @inline(__always)
    mutating func write(low: UInt64, high: UInt64, count n: Int) {
        assert(count + 16 <= limit, "ByteCursor overflow")
        (base + count).storeBytes(of: low.littleEndian, as: UInt64.self)
        (base + count + 8).storeBytes(of: high.littleEndian, as: UInt64.self)
        count += n
    }

    /// Writes the key of `kind` numbered `number`, spelled according to `noise`: the clean
    /// spelling `key` (if it was spelled) or the general writer.
    @inline(__always)
    mutating func key(_ key: SpelledKey?, _ kind: BusinessKeyKind, _ number: Int, noise: UInt64) {
        if noise == 0, let key { write(key) } else { self.key(kind, number, noise: noise) }
    }
}
