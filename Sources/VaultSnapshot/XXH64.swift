// XXH64.swift: the only Swift file that calls libxxhash.

internal import CXXHash

/// XXH64, the 64-bit xxHash: the checksum of every chunk, footer, column file and manifest.
///
/// Checksums detect accidents (bit rot, truncation, torn writes), not tampering.
enum XXH64 {
    /// The XXH64 of `bytes` with `seed` (0 unless a value is chained, see ``chained(_:_:)``).
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        // XXH64 accepts a null pointer for an empty input.
        UInt64(CXXHash.XXH64(bytes.baseAddress, bytes.count, seed))
    }

    /// The XXH64 of several byte ranges, each seeded by the hash of the previous ones.
    /// Not equal to the hash of their concatenation; used for the content checksums of chunks.
    static func chained(_ parts: [UnsafeRawBufferPointer], seed: UInt64 = 0) -> UInt64 {
        var h = seed
        for part in parts { h = hash(part, seed: h) }
        return h
    }

    /// The 16 lowercase hex digits of `value`, as written in manifests.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Parses exactly 16 lowercase hex digits.
    static func parseHex(_ text: Substring) -> UInt64? {
        guard text.utf8.count == 16,
              text.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        return UInt64(text, radix: 16)
    }
}
