// KeyDictionaryExpansion.swift: a key dictionary's codes turned back into keys.

/// Writes the key of every row of a `key-dictionary` / `key-dictionary-narrow` chunk.
enum KeyDictionaryExpansion {
    /// Writes `keys[code[i]]` (each `width` bytes) for rows `0 ..< count` into `out`, reading
    /// `codeWidth`-byte little-endian codes from `codes`. Returns the first code out of range of
    /// the `keys.count / width` keys (rows after it are left unwritten), or nil when all are in range.
    static func expand(keys: UnsafeRawBufferPointer, width w: Int, codes: UnsafeRawBufferPointer, codeWidth c: Int,
                       count n: Int, into out: UnsafeMutableRawBufferPointer) -> Int? {
        precondition(w > 0 && keys.count % w == 0 && codes.count == n * c && out.count == n * w,
                     "key dictionary buffers of the wrong size")
        guard n > 0 else { return nil }
        let k = keys.count / w
        // 16-byte hash keys: two 8-byte moves per row instead of a copy call.
        switch (w, c) {
        case (16, 1): return expand16(keys, k, codes, n, out) { Int($0.load(fromByteOffset: $1, as: UInt8.self)) }
        case (16, 2): return expand16(keys, k, codes, n, out) { Int(UInt16(littleEndian: $0.loadUnaligned(fromByteOffset: 2 * $1, as: UInt16.self))) }
        case (16, 4): return expand16(keys, k, codes, n, out) { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 4 * $1, as: UInt32.self))) }
        default:
            let src = keys.baseAddress, dst = out.baseAddress!
            for i in 0..<n {
                let code = NarrowIntegers.code(codes, at: 0, width: c, i)
                guard code < k else { return code }
                (dst + i * w).copyMemory(from: src! + code * w, byteCount: w)
            }
            return nil
        }
    }

    @inline(__always)
    private static func expand16(_ keys: UnsafeRawBufferPointer, _ k: Int, _ codes: UnsafeRawBufferPointer, _ n: Int,
                                 _ out: UnsafeMutableRawBufferPointer,
                                 code: (UnsafeRawPointer, Int) -> Int) -> Int? {
        let codeBase = codes.baseAddress!, dst = out.baseAddress!
        guard let src = keys.baseAddress else { return code(codeBase, 0) }
        for i in 0..<n {
            let c = code(codeBase, i)
            guard c < k else { return c }
            let lo = src.loadUnaligned(fromByteOffset: c * 16, as: UInt64.self)
            let hi = src.loadUnaligned(fromByteOffset: c * 16 + 8, as: UInt64.self)
            dst.storeBytes(of: lo, toByteOffset: i * 16, as: UInt64.self)
            dst.storeBytes(of: hi, toByteOffset: i * 16 + 8, as: UInt64.self)
        }
        return nil
    }
}
