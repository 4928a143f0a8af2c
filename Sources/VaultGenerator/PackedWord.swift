// PackedWord.swift: a short vocabulary word held in two machine words, written with two stores.

/// A word of at most 16 bytes (a name, a street, an email domain) in two little-endian words, the
/// bytes past it zero, so that writing it into a row is two 8-byte stores.
///
/// Copying a `StaticString` into a row is a byte loop whose length changes from row to row, so the
/// loop's exit is mispredicted about once a word; the customer rows write eight such words each.
/// The vocabulary is packed once (``Vocabulary/packed(_:)``) and rows copy these instead.
struct PackedWord {
    private(set) var low: UInt64 = 0
    private(set) var high: UInt64 = 0
    /// The number of bytes of the word.
    let count: Int

    /// `bytes` (at most 16) packed.
    init<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        precondition(bytes.count <= 16, "a packed word holds at most 16 bytes")
        count = bytes.count
        for (i, b) in bytes.enumerated() {
            if i < 8 { low |= UInt64(b) << UInt64(8 * i) } else { high |= UInt64(b) << UInt64(8 * (i - 8)) }
        }
    }

    /// `word` packed.
    init(_ word: StaticString) {
        self.init(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// `word` in ASCII lower case without anything that is not a letter or digit (the form names
    /// take in email addresses).
    init(emailForm word: StaticString) {
        var kept: [UInt8] = []
        for b in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            let lower: UInt8 = b >= 65 && b <= 90 ? b | 0x20 : b
            if (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) { kept.append(lower) }
        }
        self.init(kept)
    }
}

extension ByteCursor {
    /// Writes a packed word: two unchecked 8-byte stores (16 bytes of room needed; the bytes past
    /// the word are not counted and are overwritten by what follows).
    @inline(__always)
    mutating func write(_ word: PackedWord) { write(low: word.low, high: word.high, count: word.count) }
}

extension Vocabulary {
    /// `words`, packed (see ``PackedWord``); every word must be at most 16 bytes.
    static func packed(_ words: [StaticString]) -> [PackedWord] { words.map { PackedWord($0) } }

    static let packedFirstNames = packed(firstNames)
    static let packedLastNames = packed(lastNames)
    /// First and last names as they appear in email addresses.
    static let emailFirstNames = firstNames.map { PackedWord(emailForm: $0) }
    static let emailLastNames = lastNames.map { PackedWord(emailForm: $0) }
    static let packedEmailDomains = packed(emailDomains)
    static let packedStreets = packed(streets)
    static let packedStreetSuffixes = packed(streetSuffixes)
}
