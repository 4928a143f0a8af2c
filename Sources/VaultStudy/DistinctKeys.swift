// DistinctKeys.swift: the distinct standardised business keys of a sample, deduplicated by their bytes.

import VaultColumnar
import VaultHashing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Distinct business keys after the profile's standardisation (` t00000000123 ` and
/// `T00000000123` are one key under AutomateDV), back to back in Arrow string layout, in the
/// order first seen. Two rows here never share their standardised string, so two equal digests
/// of rows here are real hash collisions.
///
/// ```
///  bytes:   "T00000000123" "T00000004711" ...      offsets: Int64 x (count + 1)
///  slots:   UInt32 x 2^k, 0 = empty, otherwise row + 1 (open addressing, load <= 1/2)
/// ```
///
/// - Complexity: O(bytes) per inserted column; memory about `length + 16` bytes per distinct key.
public struct DistinctKeys: Sendable {
    /// The standardised strings, back to back.
    public private(set) var bytes: [UInt8] = []
    /// `count + 1` offsets into `bytes`.
    public private(set) var offsets: [Int64] = [0]
    /// Rows offered that repeated a key already held.
    public private(set) var duplicates = 0
    /// Rows offered whose key is NULL (or the zero key) under the profile: no business key at all.
    public private(set) var nullKeys = 0
    /// The profile whose standardisation decides which keys are equal.
    public let profile: HashProfile
    private let standardiser: Standardiser
    private var slots: [UInt32]

    /// An empty set, sized for about `expectedCount` keys.
    public init(profile: HashProfile, expectedCount: Int = 0) {
        self.profile = profile
        standardiser = Standardiser(profile: profile)
        var size = 1024
        while size < expectedCount * 2 { size <<= 1 }
        slots = [UInt32](repeating: 0, count: size)
    }

    /// The number of distinct keys.
    public var count: Int { offsets.count - 1 }

    /// Key `i` as text.
    public func string(_ i: Int) -> String {
        String(decoding: bytes[Int(offsets[i])..<Int(offsets[i + 1])], as: UTF8.self)
    }

    /// Standardises every row of `column` (a business-key column) and keeps the keys not held yet.
    public mutating func insert(_ column: Column) {
        guard column.count > 0 else { return }
        let batch = standardiser.standardise([HashInput("key", column)], kind: .key)
        precondition(count + batch.count < Int(UInt32.max), "at most \(UInt32.max - 1) keys")
        bytes.reserveCapacity(bytes.count + batch.bytes.count)
        offsets.reserveCapacity(offsets.count + batch.count)
        batch.bytes.withUnsafeBytes { source in
            batch.offsets.withUnsafeBytes { rawOffsets in
                batch.outcomes.withUnsafeBytes { outcomes in
                    let rowOffsets = rawOffsets.bindMemory(to: Int64.self)
                    for i in 0..<batch.count {
                        guard outcomes[i] == StandardisedBatch.Outcome.hash.rawValue else { nullKeys += 1; continue }
                        let key = UnsafeRawBufferPointer(rebasing: source[Int(rowOffsets[i])..<Int(rowOffsets[i + 1])])
                        if !insert(key) { duplicates += 1 }
                    }
                }
            }
        }
    }

    /// Adds `key` unless held; returns whether it was added.
    private mutating func insert(_ key: UnsafeRawBufferPointer) -> Bool {
        if (count + 1) * 2 > slots.count { grow() }
        let hash = ByteHash.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            if equals(row: Int(slots[slot]) - 1, key) { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = UInt32(count + 1)
        bytes.append(contentsOf: key)
        offsets.append(Int64(bytes.count))
        return true
    }

    private func equals(row: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = Int(offsets[row]), length = Int(offsets[row + 1]) - start
        guard length == key.count else { return false }
        guard length > 0 else { return true }
        return bytes.withUnsafeBytes { memcmp($0.baseAddress! + start, key.baseAddress!, length) == 0 }
    }

    private mutating func grow() {
        let size = slots.count * 2
        let mask = size - 1
        var fresh = [UInt32](repeating: 0, count: size)
        bytes.withUnsafeBytes { all in
            for row in 0..<count {
                let start = Int(offsets[row]), end = Int(offsets[row + 1])
                var slot = Int(truncatingIfNeeded: ByteHash.hash(UnsafeRawBufferPointer(rebasing: all[start..<end]))) & mask
                while fresh[slot] != 0 { slot = (slot + 1) & mask }
                fresh[slot] = UInt32(row + 1)
            }
        }
        slots = fresh
    }
}
