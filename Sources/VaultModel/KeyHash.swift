// KeyHash.swift: the hash that places a vault key in the key indexes.

import VaultColumnar

/// Hashes a hub, link or satellite key for the key indexes (``KeyIndex``, ``PartitionedKeyIndex``,
/// ``CandidateKeys``): every place that files or looks up a key uses this one function.
///
/// A 16-byte binary key (MD5, XXH3-128) is already a digest, so its two words mixed by one
/// multiplication spread as well as a general hash would; other widths (SHA-1, SHA-256, hex text)
/// go through ``ByteHash``. In-memory only: never stored.
enum KeyHash {
    @inline(__always)
    static func hash(_ key: UnsafeRawPointer, _ width: Int) -> UInt64 {
        guard width == 16 else { return ByteHash.hash(key, width) }
        let a = key.loadUnaligned(as: UInt64.self), b = key.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        let m = (a ^ (b >> 31 | b << 33)).multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        return m.high ^ m.low
    }

    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        guard let base = key.baseAddress else { return ByteHash.hash(key) }
        return hash(base, key.count)
    }
}
