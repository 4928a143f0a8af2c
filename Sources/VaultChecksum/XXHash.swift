// XXHash.swift: the only Swift file that calls libxxhash.

internal import CXXHash

/// XXH64, the 64-bit xxHash (seed 0 unless chained): the checksum of CSV files in manifests and of
/// every snapshot chunk, footer, column file and manifest. Checksums detect accidents (bit rot,
/// truncation, torn writes), not tampering.
///
/// Use it in one call (`XXH64.hash`) or streaming (`update` then `finalize`), with the same result.
public struct XXH64: Sendable {
    private var state = XXH64_state_t()

    /// Starts a streaming hash.
    public init(seed: UInt64 = 0) {
        XXH64_reset(&state, seed)
    }

    /// Adds bytes to the hash.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        XXH64_update(&state, bytes.baseAddress, bytes.count)
    }

    /// The hash of every byte added so far (the state stays usable).
    public func finalize() -> UInt64 {
        var copy = state
        return UInt64(XXH64_digest(&copy))
    }

    /// The XXH64 of `bytes` with `seed`.
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        // XXH64 accepts a null pointer for an empty input.
        UInt64(CXXHash.XXH64(bytes.baseAddress, bytes.count, seed))
    }

    /// The XXH64 of several byte ranges, each seeded by the hash of the previous ones.
    /// Not equal to the hash of their concatenation; used for the content checksums of chunks.
    public static func chained(_ parts: [UnsafeRawBufferPointer], seed: UInt64 = 0) -> UInt64 {
        var h = seed
        for part in parts { h = hash(part, seed: h) }
        return h
    }

    /// `value` as 16 lowercase hex digits, as written in manifests.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Parses exactly 16 lowercase hex digits.
    public static func parseHex(_ text: Substring) -> UInt64? {
        guard text.utf8.count == 16,
              text.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        return UInt64(text, radix: 16)
    }
}

/// XXH3-128 through the shared library, one call per message: the reference that vaultsim's
/// inlined batch kernel (`VaultHashKernels`) is checked against.
public enum XXH3Reference {
    /// XXH3-128 (seed 0) of each message, 16 bytes each in canonical (big-endian) order.
    public static func hash(bytes: UnsafeRawPointer?, offsets: UnsafePointer<Int64>, count: Int,
                            out: UnsafeMutableRawPointer) {
        var canonical = XXH128_canonical_t()
        for i in 0..<count {
            let start = Int(offsets[i]), length = Int(offsets[i + 1] - offsets[i])
            XXH128_canonicalFromHash(&canonical, XXH3_128bits(bytes.map { $0 + start }, length))
            withUnsafeBytes(of: &canonical) { (out + i * 16).copyMemory(from: $0.baseAddress!, byteCount: 16) }
        }
    }
}
