// Zstd.swift: the only Swift file that calls libzstd. Return codes become `ZstdError`s here.

internal import CZstd

/// An error reported by libzstd, with the name libzstd gives it.
package struct ZstdError: Error, Equatable, CustomStringConvertible {
    /// The libzstd function that failed.
    package let function: String
    /// libzstd's error name (`ZSTD_getErrorName`), or a description of the check that failed.
    package let message: String

    package var description: String { "\(function): \(message)" }
}

/// Thin wrappers over the one-shot zstd API, one compression and one decompression context per
/// worker thread (a context is not thread-safe; reusing it avoids an allocation per chunk).
/// Package-visible: VaultParquet compresses its pages through these same wrappers.
package enum Zstd {
    /// The compression levels libzstd accepts (negative levels are the fast modes).
    package static var levelRange: ClosedRange<Int> { Int(ZSTD_minCLevel())...Int(ZSTD_maxCLevel()) }

    /// The largest compressed size of `count` bytes (`ZSTD_compressBound`).
    package static func compressBound(_ count: Int) -> Int { ZSTD_compressBound(count) }

    /// The uncompressed size a frame declares in its header (`ZSTD_getFrameContentSize`), or
    /// `nil` when the frame is malformed or does not declare it.
    static func frameContentSize(_ frame: UnsafeRawBufferPointer) -> UInt64? {
        guard let base = frame.baseAddress else { return nil }
        let size = ZSTD_getFrameContentSize(base, frame.count)
        // ZSTD_CONTENTSIZE_UNKNOWN is 0ULL - 1, ZSTD_CONTENTSIZE_ERROR is 0ULL - 2.
        if size == UInt64.max || size == UInt64.max - 1 { return nil }
        return UInt64(size)
    }

    /// The size of the first frame in `bytes` (`ZSTD_findFrameCompressedSize`), or `nil` on error.
    static func frameCompressedSize(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let size = ZSTD_findFrameCompressedSize(base, bytes.count)
        return ZSTD_isError(size) != 0 ? nil : size
    }

    private static func check(_ code: Int, _ function: String) throws -> Int {
        if ZSTD_isError(code) != 0 {
            throw ZstdError(function: function, message: String(cString: ZSTD_getErrorName(code)))
        }
        return code
    }

    /// A compression context (`ZSTD_CCtx`), owned by one thread at a time.
    package final class Compressor {
        private let context: OpaquePointer

        package init() {
            guard let context = ZSTD_createCCtx() else { fatalError("ZSTD_createCCtx: out of memory") }
            self.context = context
        }

        deinit { ZSTD_freeCCtx(context) }

        /// Compresses `source` into `destination` as one frame (which records the content size);
        /// returns the frame's length. `destination` should hold `compressBound(source.count)` bytes.
        package func compress(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer,
                      level: Int) throws -> Int {
            let code = ZSTD_compressCCtx(context, destination.baseAddress, destination.count,
                                         source.baseAddress, source.count, Int32(level))
            return try Zstd.check(code, "ZSTD_compressCCtx")
        }
    }

    /// A decompression context (`ZSTD_DCtx`), owned by one thread at a time.
    package final class Decompressor {
        private let context: OpaquePointer

        package init() {
            guard let context = ZSTD_createDCtx() else { fatalError("ZSTD_createDCtx: out of memory") }
            self.context = context
        }

        deinit { ZSTD_freeDCtx(context) }

        /// Decompresses the single frame `frame` into `destination`, which must be exactly as long
        /// as the frame's content; throws unless exactly `destination.count` bytes come out.
        package func decompress(_ frame: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) throws {
            let code = ZSTD_decompressDCtx(context, destination.baseAddress, destination.count,
                                           frame.baseAddress, frame.count)
            let produced = try Zstd.check(code, "ZSTD_decompressDCtx")
            guard produced == destination.count else {
                throw ZstdError(function: "ZSTD_decompressDCtx",
                                message: "produced \(produced) bytes, expected \(destination.count)")
            }
        }
    }
}
