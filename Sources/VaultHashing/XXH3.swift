// XXH3.swift: the only Swift file that calls libxxhash.

internal import CXXHash

/// libxxhash through its shared library: XXH3-128 one message at a time (the reference) and XXH64.
public enum XXHash {
    /// XXH3-128 of each message through the shared library, one call per message, in canonical
    /// (big-endian) byte order: the reference the inlined batch kernel is checked against.
    public static func xxh3Reference(bytes: UnsafeRawPointer?, offsets: UnsafePointer<Int64>, count: Int,
                                     out: UnsafeMutableRawPointer) {
        var canonical = XXH128_canonical_t()
        for i in 0..<count {
            let start = Int(offsets[i]), length = Int(offsets[i + 1] - offsets[i])
            let hash = XXH3_128bits(bytes.map { $0 + start }, length)
            XXH128_canonicalFromHash(&canonical, hash)
            withUnsafeBytes(of: &canonical) { (out + i * 16).copyMemory(from: $0.baseAddress!, byteCount: 16) }
        }
    }

    /// XXH64 of a buffer with a seed.
    public static func xxh64(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        XXH64(bytes.baseAddress, bytes.count, seed)
    }
}
