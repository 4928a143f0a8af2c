// StringDictionary.swift: the distinct values of a dictionary-encoded string column.

/// The distinct values of a dictionary-encoded string column, in first-seen order, with an
/// open-addressing index for interning.
///
/// ```
///  offsets: Int64 x (count + 1)   bytes: UTF-8 of value 0, value 1, ...
///  slots:   Int32 x power of two  (-1 = empty, otherwise a code), linear probing
/// ```
///
/// Codes are dense `Int32` from 0. Interning is deterministic: the same sequence of values gives
/// the same codes.
public struct StringDictionary: Equatable, Sendable {
    /// `count + 1` Int64 offsets into `bytes`.
    public private(set) var offsets: AlignedBuffer
    /// The UTF-8 bytes of all values, back to back.
    public private(set) var bytes: AlignedBuffer
    private var slots: AlignedBuffer
    private var slotMask: Int
    /// The number of distinct values.
    public private(set) var count: Int

    /// Creates an empty dictionary.
    public init() {
        offsets = AlignedBuffer(capacity: 64)
        offsets.append(value: Int64(0))
        bytes = AlignedBuffer()
        count = 0
        slotMask = 63
        slots = AlignedBuffer(capacity: 64 * 4)
        slots.appendZeros(64 * 4)
        fillEmpty(&slots)
    }

    /// Rebuilds a dictionary from stored offsets and bytes (validated by the caller).
    public init(offsets: AlignedBuffer, bytes: AlignedBuffer) {
        self.init()
        let n = offsets.count / 8 - 1
        for i in 0..<max(n, 0) {
            let start = Int(offsets.load(fromByteOffset: i * 8, as: Int64.self))
            let end = Int(offsets.load(fromByteOffset: i * 8 + 8, as: Int64.self))
            bytes.withUnsafeBytes { raw in _ = intern(UnsafeRawBufferPointer(rebasing: raw[start..<end])) }
        }
    }

    public static func == (lhs: StringDictionary, rhs: StringDictionary) -> Bool {
        lhs.offsets == rhs.offsets && lhs.bytes == rhs.bytes
    }

    /// Bytes allocated for values and index.
    public var memoryFootprint: Int { offsets.capacity + bytes.capacity + slots.capacity }

    /// The bytes of value `code`, valid inside `body`.
    @inlinable
    public func withValue<R>(_ code: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let c = Int(code)
        precondition(c >= 0 && c < count, "dictionary code \(code) out of range")
        let start = Int(offsets.loadUnchecked(fromByteOffset: c * 8, as: Int64.self))
        let end = Int(offsets.loadUnchecked(fromByteOffset: c * 8 + 8, as: Int64.self))
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Value `code` as a `String` (for display and tests, not for hot loops).
    public func string(_ code: Int32) -> String {
        withValue(code) { String(decoding: $0, as: UTF8.self) }
    }

    /// The code of `value`, adding it when it is new.
    public mutating func intern(_ value: UnsafeRawBufferPointer) -> Int32 {
        let h = ByteHash.hash(value)
        var slot = Int(truncatingIfNeeded: h) & slotMask
        while true {
            let code = slots.loadUnchecked(fromByteOffset: slot * 4, as: Int32.self)
            if code < 0 { break }
            if withValue(code, { memcmpBytes($0, value) }) { return code }
            slot = (slot + 1) & slotMask
        }
        let code = Int32(count)
        bytes.append(value)
        offsets.append(value: Int64(bytes.count))
        slots.store(code, toByteOffset: slot * 4)
        count += 1
        if count * 2 > slotMask + 1 { grow() }
        return code
    }

    /// The code of `value`, adding it when it is new.
    public mutating func intern(_ value: String) -> Int32 {
        var copy = value
        return copy.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The code of `value` if it is present.
    public func code(of value: UnsafeRawBufferPointer) -> Int32? {
        var slot = Int(truncatingIfNeeded: ByteHash.hash(value)) & slotMask
        while true {
            let code = slots.loadUnchecked(fromByteOffset: slot * 4, as: Int32.self)
            if code < 0 { return nil }
            if withValue(code, { memcmpBytes($0, value) }) { return code }
            slot = (slot + 1) & slotMask
        }
    }

    private mutating func grow() {
        let newSize = (slotMask + 1) * 2
        var fresh = AlignedBuffer(zeroedCount: newSize * 4)
        fillEmpty(&fresh)
        let mask = newSize - 1
        for c in 0..<count {
            let h = withValue(Int32(c)) { ByteHash.hash($0) }
            var slot = Int(truncatingIfNeeded: h) & mask
            while fresh.loadUnchecked(fromByteOffset: slot * 4, as: Int32.self) >= 0 { slot = (slot + 1) & mask }
            fresh.store(Int32(c), toByteOffset: slot * 4)
        }
        slots = fresh
        slotMask = mask
    }

    private func fillEmpty(_ buffer: inout AlignedBuffer) {
        buffer.withUnsafeMutableBytes { raw in
            _ = raw.initializeMemory(as: UInt8.self, repeating: 0xFF)
        }
    }
}
