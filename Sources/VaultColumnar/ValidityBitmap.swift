// ValidityBitmap.swift: which rows of a column hold a value.

/// A validity bitmap in the Arrow convention: bit `i` is 1 when row `i` holds a value and 0 when
/// it is NULL, least significant bit first, stored in 64-bit little-endian words.
///
/// ```
///  word 0:  bit 0 = row 0, bit 1 = row 1, ... bit 63 = row 63
///  word 1:  bit 0 = row 64, ...
///  bits past `count` are 0
/// ```
///
/// `isValid(_:)` checks the index; `isValidUnchecked(_:)` checks it in debug builds only, for hot
/// loops that have already checked their range (DuckDB's `RowIsValid` / `RowIsValidUnsafe`).
public struct ValidityBitmap: Equatable, Sendable {
    /// The 64-bit words, `(count + 63) / 64` of them.
    public private(set) var words: AlignedBuffer
    /// The number of rows described.
    public private(set) var count: Int
    /// The number of NULL rows, maintained on every change.
    public private(set) var nullCount: Int

    /// Creates an empty bitmap.
    public init(capacity: Int = 0) {
        words = AlignedBuffer(capacity: ((capacity + 63) / 64) * 8)
        count = 0
        nullCount = 0
    }

    /// Creates a bitmap of `count` rows, all valid.
    public init(allValid count: Int) {
        self.init(capacity: count)
        appendValid(count)
    }

    /// Creates a bitmap of `count` rows, all valid except `nullRows` (each in `0..<count`, any
    /// order; repeats allowed). Written a word at a time: for builders that collect their few NULLs.
    public init(count: Int, nullRows: [Int]) {
        precondition(count >= 0)
        let wordCount = (count + 63) / 64
        let words = AlignedBuffer(unsafeUninitializedCount: wordCount * 8) { raw in
            let w = raw.bindMemory(to: UInt64.self)
            for i in 0..<wordCount { w[i] = .max }
            for row in nullRows {
                precondition(row >= 0 && row < count, "NULL row \(row) out of range 0..<\(count)")
                w[row >> 6] &= ~(UInt64(1) << UInt64(row & 63))
            }
        }
        self.init(words: words, count: count)
    }

    /// Rebuilds a bitmap from its words (for readers of stored columns); bits past `count` are cleared.
    public init(words: AlignedBuffer, count: Int) {
        precondition(words.count == ((count + 63) / 64) * 8, "validity words do not match the row count")
        self.words = words
        self.count = count
        self.nullCount = 0
        clearTail()
        nullCount = count - countValid()
    }

    /// Whether every row is valid.
    @inlinable public var allValid: Bool { nullCount == 0 }

    /// Whether row `i` holds a value. Traps when `i` is out of range.
    @inlinable
    public func isValid(_ i: Int) -> Bool {
        precondition(i >= 0 && i < count, "row \(i) out of range 0..<\(count)")
        return isValidUnchecked(i)
    }

    /// Whether row `i` holds a value, checking the range only in debug builds.
    @inlinable
    public func isValidUnchecked(_ i: Int) -> Bool {
        assert(i >= 0 && i < count)
        let word = words.loadUnchecked(fromByteOffset: (i >> 6) << 3, as: UInt64.self)
        return (word >> UInt64(i & 63)) & 1 == 1
    }

    /// Appends one row.
    public mutating func append(_ valid: Bool) {
        if count & 63 == 0 { words.append(value: UInt64(0)) }
        if valid {
            let offset = (count >> 6) << 3
            let word = words.loadUnchecked(fromByteOffset: offset, as: UInt64.self)
            words.store(word | (1 << UInt64(count & 63)), toByteOffset: offset)
        } else {
            nullCount += 1
        }
        count += 1
    }

    /// Appends `n` valid rows, a word at a time.
    public mutating func appendValid(_ n: Int) {
        precondition(n >= 0)
        var remaining = n
        while remaining > 0 && count & 63 != 0 {
            append(true)
            remaining -= 1
        }
        let fullWords = remaining / 64
        words.reserve(additional: (fullWords + 1) * 8)
        for _ in 0..<fullWords { words.append(value: UInt64.max) }
        count += fullWords * 64
        remaining -= fullWords * 64
        for _ in 0..<remaining { append(true) }
    }

    /// Appends `n` NULL rows.
    public mutating func appendNull(_ n: Int) {
        precondition(n >= 0)
        let newCount = count + n
        words.resize(to: ((newCount + 63) / 64) * 8)
        count = newCount
        nullCount += n
    }

    /// Appends every row of `other`.
    public mutating func append(contentsOf other: ValidityBitmap) {
        if other.allValid {
            appendValid(other.count)
            return
        }
        if count & 63 == 0 {
            // Word-aligned: copy the words as they are.
            other.words.withUnsafeBytes { words.append($0) }
            count += other.count
            nullCount += other.nullCount
            return
        }
        for i in 0..<other.count { append(other.isValidUnchecked(i)) }
    }

    /// Marks row `i` (which must exist) valid or NULL.
    public mutating func set(_ i: Int, valid: Bool) {
        precondition(i >= 0 && i < count, "row \(i) out of range 0..<\(count)")
        let offset = (i >> 6) << 3
        let word = words.loadUnchecked(fromByteOffset: offset, as: UInt64.self)
        let bit = UInt64(1) << UInt64(i & 63)
        let was = word & bit != 0
        guard was != valid else { return }
        words.store(valid ? word | bit : word & ~bit, toByteOffset: offset)
        nullCount += valid ? -1 : 1
    }

    /// Removes every row.
    public mutating func removeAll() {
        words.removeAll()
        count = 0
        nullCount = 0
    }

    /// The bitmap of the rows at `indices`, in that order.
    public func gather(_ indices: UnsafeBufferPointer<Int32>) -> ValidityBitmap {
        if allValid { return ValidityBitmap(allValid: indices.count) }
        var result = ValidityBitmap(capacity: indices.count)
        for index in indices { result.append(isValid(Int(index))) }
        return result
    }

    /// The number of valid rows, counted from the words.
    func countValid() -> Int {
        words.withUnsafeBytes { raw in
            raw.bindMemory(to: UInt64.self).reduce(0) { $0 + $1.nonzeroBitCount }
        }
    }

    private mutating func clearTail() {
        guard count & 63 != 0 else { return }
        let offset = (count >> 6) << 3
        let word = words.load(fromByteOffset: offset, as: UInt64.self)
        words.store(word & ((1 << UInt64(count & 63)) - 1), toByteOffset: offset)
    }
}
