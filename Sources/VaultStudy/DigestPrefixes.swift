// DigestPrefixes.swift: the first 64 bits of each key's digest, computed by the vault's hash kernels.

import VaultRuntime
import Dispatch
import VaultHashing

/// Hashes every key of a ``DistinctKeys`` with the SIMD batch kernels the loader uses
/// (``HashKernels``), and keeps the first 8 bytes of each digest as a big-endian `UInt64`: the
/// first `b` bits of a digest are then `prefix >> (64 − b)`, the key a vault would store if it
/// truncated its hash keys to `b` bits.
///
/// Digests are computed in chunks of ``chunkSize`` keys, so memory is 8 bytes per key plus one
/// chunk of digests per thread. The result does not depend on the thread count.
public enum DigestPrefixes {
    /// Keys per kernel call.
    public static let chunkSize = 1 << 16

    /// The 64-bit digest prefix of every key of `keys`, in key order.
    public static func compute(_ keys: DistinctKeys, algorithm: HashAlgorithm, threads: Int = 1) -> [UInt64] {
        let n = keys.count
        guard n > 0 else { return [] }
        let width = algorithm.digestLength
        var prefixes = [UInt64](repeating: 0, count: n)
        let chunks = (n + chunkSize - 1) / chunkSize
        keys.bytes.withUnsafeBytes { bytes in
            keys.offsets.withUnsafeBufferPointer { offsets in
                prefixes.withUnsafeMutableBufferPointer { out in
                    let shared = SharedPointers(bytes: bytes.baseAddress, offsets: offsets.baseAddress!, out: out.baseAddress!)
                    let workers = max(1, min(threads, chunks))
                    concurrentEach(count: workers, threads: workers) { worker in
                        let digests = UnsafeMutableRawPointer.allocate(byteCount: chunkSize * width, alignment: 64)
                        defer { digests.deallocate() }
                        for chunk in stride(from: worker, to: chunks, by: workers) {
                            let lo = chunk * chunkSize, count = min(chunkSize, n - lo)
                            if algorithm == .xxh3 {
                                HashKernels.xxh3(bytes: shared.bytes, offsets: shared.offsets + lo, count: count, out: digests)
                            } else {
                                HashKernels.hash(algorithm, bytes: shared.bytes, offsets: shared.offsets + lo, count: count, out: digests)
                            }
                            for k in 0..<count {
                                shared.out[lo + k] = UInt64(bigEndian: digests.loadUnaligned(fromByteOffset: k * width, as: UInt64.self))
                            }
                        }
                    }
                }
            }
        }
        return prefixes
    }
}

/// Pointers shared by the threads of one `compute` call; thread `t` of `T` writes chunks `t, t + T, ...`.
private struct SharedPointers: @unchecked Sendable {
    let bytes: UnsafeRawPointer?
    let offsets: UnsafePointer<Int64>
    let out: UnsafeMutablePointer<UInt64>
}
