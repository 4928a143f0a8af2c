// Kernels.swift: the only Swift file that calls the VaultHashKernels C target.

internal import VaultHashKernels

/// The SIMD batch kernels for MD5, SHA-1 and SHA-256, with the CPU dispatch they use.
public enum HashKernels {
    /// A kernel implementation.
    public enum Implementation: String, CaseIterable, Sendable {
        case auto, scalar, avx2, avx512, shaNI = "sha-ni"

        var c: vhk_impl {
            switch self {
            case .auto: return VHK_IMPL_AUTO
            case .scalar: return VHK_IMPL_SCALAR
            case .avx2: return VHK_IMPL_AVX2
            case .avx512: return VHK_IMPL_AVX512
            case .shaNI: return VHK_IMPL_SHANI
            }
        }

        init(_ c: vhk_impl) {
            self = Implementation.allCases.first { $0.c == c } ?? .scalar
        }
    }

    static func cAlgorithm(_ algorithm: HashAlgorithm) -> vhk_algorithm {
        switch algorithm {
        case .md5: return VHK_MD5
        case .sha1: return VHK_SHA1
        case .sha256: return VHK_SHA256
        case .xxh3: preconditionFailure("xxh3 is not a kernel algorithm")
        }
    }

    /// The implementation chosen for `algorithm` on this CPU.
    public static func selected(for algorithm: HashAlgorithm) -> Implementation {
        algorithm == .xxh3 ? .scalar : Implementation(vhk_selected_impl(cAlgorithm(algorithm)))
    }

    /// Whether `implementation` can run `algorithm` on this CPU.
    public static func isAvailable(_ implementation: Implementation, for algorithm: HashAlgorithm) -> Bool {
        algorithm != .xxh3 && vhk_impl_available(cAlgorithm(algorithm), implementation.c) == 1
    }

    /// Hashes `count` messages (Arrow layout: `bytes` and `count + 1` offsets) into `out`
    /// (`count * digestLength` bytes). Returns false when the implementation is unavailable.
    @discardableResult
    public static func hash(_ algorithm: HashAlgorithm, implementation: Implementation = .auto,
                            bytes: UnsafeRawPointer?, offsets: UnsafePointer<Int64>, count: Int,
                            out: UnsafeMutableRawPointer) -> Bool {
        vhk_hash_batch(cAlgorithm(algorithm), implementation.c, bytes?.assumingMemoryBound(to: UInt8.self),
                       offsets, count, out.assumingMemoryBound(to: UInt8.self)) == 0
    }

    /// XXH3-128 of each message in canonical byte order, 16 bytes each (libxxhash, inlined in C).
    public static func xxh3(bytes: UnsafeRawPointer?, offsets: UnsafePointer<Int64>, count: Int, out: UnsafeMutableRawPointer) {
        vhk_xxh3_128_batch(bytes?.assumingMemoryBound(to: UInt8.self), offsets, count, out.assumingMemoryBound(to: UInt8.self))
    }

    /// Hex-encodes `count` values of `width` bytes, contiguous, into `out` (`count * width * 2` bytes).
    public static func hexEncode(_ input: UnsafeRawPointer, width: Int, count: Int,
                                 out: UnsafeMutableRawPointer, uppercase: Bool) {
        vhk_hex_encode_fixed(input.assumingMemoryBound(to: UInt8.self), width, count,
                             out.assumingMemoryBound(to: UInt8.self), uppercase ? 1 : 0)
    }
}
