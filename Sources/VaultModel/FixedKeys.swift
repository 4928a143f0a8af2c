// FixedKeys.swift: a read-only view of a key column whose values all have one width.

import VaultColumnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keys of one width laid out back to back: a binary key column's values buffer, or the bytes of a
/// hex key column without NULLs (every value then has the same length).
///
/// Valid only inside the closure that hands it out; the column must not change meanwhile.
struct FixedKeys {
    let base: UnsafeRawPointer?
    let width: Int
    let count: Int

    @inline(__always)
    func key(_ i: Int) -> UnsafeRawPointer {
        assert(i >= 0 && i < count)
        return base! + i * width
    }

    @inline(__always)
    func hash(_ i: Int) -> UInt64 { KeyHash.hash(key(i), width) }

    /// Whether key `i` equals the `width` bytes at `other`. 16-byte keys (MD5, XXH3) compare as two
    /// words inline instead of calling `memcmp`, which dominated index probes.
    @inline(__always)
    func equal(_ i: Int, _ other: UnsafeRawPointer) -> Bool {
        let a = key(i)
        if width == 16 {
            return a.loadUnaligned(as: UInt64.self) == other.loadUnaligned(as: UInt64.self)
                && a.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == other.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        }
        return memcmp(a, other, width) == 0
    }
}

extension Column {
    /// Calls `body` with a ``FixedKeys`` view of this key column.
    /// Traps if the column is not a NULL-free fixed-width key column (a programming error).
    func withFixedKeys<R>(_ body: (FixedKeys) throws -> R) rethrows -> R {
        switch type {
        case .fixedBinary(let width):
            return try values.withUnsafeBytes { try body(FixedKeys(base: $0.baseAddress, width: width, count: count)) }
        case .string:
            precondition(nullCount == 0 && !isDictionaryEncoded, "hex key columns must be plain and NULL-free")
            let width = count == 0 ? 0 : bytes.count / count
            assert(bytes.count == width * count, "hex keys must all have one length")
            return try bytes.withUnsafeBytes { try body(FixedKeys(base: $0.baseAddress, width: width, count: count)) }
        default:
            preconditionFailure("\(type) is not a key column type")
        }
    }
}

extension FixedKeys: KeyLookup {}
