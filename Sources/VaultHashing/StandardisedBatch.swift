// StandardisedBatch.swift: the strings to hash for a batch of rows, in Arrow string layout.

import VaultColumnar

/// The standardised input strings of a batch, ready for the batch hash kernels.
///
/// ```
///  offsets: Int64 x (count + 1)      bytes: row 0's string, row 1's string, ...
///  outcomes: UInt8 x count            0 = hash the string, 1 = NULL key, 2 = zero key
/// ```
///
/// Rows whose outcome is not `hash` keep an empty string, so the kernels can still run over the
/// whole batch in one call.
public struct StandardisedBatch: Sendable {
    /// What to do with one row.
    public enum Outcome: UInt8, Sendable {
        /// Hash the standardised string.
        case hash = 0
        /// The key is NULL under the profile: the row is not loaded (and is counted).
        case null = 1
        /// The profile's zero key (all digest bytes zero).
        case zeroKey = 2
    }

    /// The UTF-8 bytes of all strings, back to back.
    public internal(set) var bytes: AlignedBuffer
    /// `count + 1` Int64 offsets into `bytes`.
    public internal(set) var offsets: AlignedBuffer
    /// One `Outcome` raw value per row.
    public internal(set) var outcomes: AlignedBuffer
    /// The number of rows.
    public internal(set) var count: Int
    /// Rows whose outcome is `.null`.
    public internal(set) var nullCount: Int
    /// Rows whose outcome is `.zeroKey`.
    public internal(set) var zeroKeyCount: Int

    init(capacity: Int, bytesCapacity: Int) {
        bytes = AlignedBuffer(capacity: bytesCapacity)
        offsets = AlignedBuffer(capacity: (capacity + 1) * 8)
        offsets.append(value: Int64(0))
        outcomes = AlignedBuffer(capacity: capacity)
        count = 0
        nullCount = 0
        zeroKeyCount = 0
    }

    /// Empties the batch, keeping its buffers for the next rows.
    mutating func removeAll() {
        bytes.removeAll()
        offsets.resize(to: 8)
        outcomes.removeAll()
        count = 0
        nullCount = 0
        zeroKeyCount = 0
    }

    /// The outcome of row `i`.
    public func outcome(_ i: Int) -> Outcome {
        Outcome(rawValue: outcomes.load(fromByteOffset: i, as: UInt8.self))!
    }

    /// Row `i`'s standardised string (empty unless its outcome is `.hash`).
    public func string(_ i: Int) -> String {
        let start = Int(offsets.load(fromByteOffset: i * 8, as: Int64.self))
        let end = Int(offsets.load(fromByteOffset: i * 8 + 8, as: Int64.self))
        return bytes.withUnsafeBytes { String(decoding: $0[start..<end], as: UTF8.self) }
    }
}
