// ParquetZstd.swift: zstd for Parquet pages, through VaultSnapshot's libzstd boundary (Zstd.swift).

import VaultSnapshot

/// One zstd compression context and one decompression context, owned by one thread at a time
/// (contexts are not thread-safe; reusing them avoids an allocation per page). libzstd itself is
/// called only from VaultSnapshot's `Zstd.swift`; its errors become ``ParquetError``s here.
final class ParquetZstd {
    private let compressor = Zstd.Compressor()
    private lazy var decompressor = Zstd.Decompressor()

    /// The zstd levels libzstd accepts.
    static var levels: ClosedRange<Int> { Zstd.levelRange }

    /// Appends `source` compressed as one zstd frame at `level` to `out`.
    func compress(_ source: UnsafeRawBufferPointer, level: Int, appendingTo out: inout [UInt8]) throws(ParquetError) {
        let start = out.count
        let bound = Zstd.compressBound(source.count)
        out.append(contentsOf: repeatElement(0, count: bound))
        let result = out.withUnsafeMutableBytes { destination in
            Result { try compressor.compress(source, into: UnsafeMutableRawBufferPointer(rebasing: destination[start...]), level: level) }
        }
        switch result {
        case .success(let length): out.removeLast(bound - length)
        case .failure(let error):
            out.removeLast(bound)
            throw .compression("\(error)")
        }
    }

    /// Decompresses one frame that must yield exactly `size` bytes.
    func decompress(_ frame: UnsafeRawBufferPointer, size: Int) throws(ParquetError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size)
        let result = out.withUnsafeMutableBytes { destination in Result { try decompressor.decompress(frame, into: destination) } }
        if case .failure(let error) = result { throw .compression("\(error)") }
        return out
    }
}
