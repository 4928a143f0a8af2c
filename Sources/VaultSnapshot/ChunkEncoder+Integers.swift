// ChunkEncoder+Integers.swift: choosing delta, narrow or plain for integer-like chunks.

extension ChunkEncoder {
    /// Appends `values` (int32, int64, date, time, timestamp or decimal) in the cheapest form:
    ///
    /// - `delta` when the chunk is (nearly) non-decreasing (at most 1 in 16 steps goes down) and
    ///   zstd shrinks a 4096-row sample of the deltas more than the same sample of the values;
    /// - otherwise `narrow` when the values span less than the type's width (amounts, quantities,
    ///   times of day): fewer bytes for zstd to search, and a smaller file;
    /// - otherwise `plain`.
    static func encodeIntegers<T: FixedWidthInteger & SignedInteger>(_ values: UnsafeRawBufferPointer, as: T.Type,
                                                                     level: Int, scratch: EncoderScratch) throws -> ChunkEncoding {
        let size = MemoryLayout<T>.size
        let n = values.count / size
        let descents = countDescents(values, as: T.self)
        var useDelta = false
        if n > 1 && descents * 16 <= n {
            let m = min(n, sampleRows)
            let sample = slice(values, (n - m) / 2 * size, m * size)
            scratch.sample.removeAll(keepingCapacity: true)
            appendDeltas(sample, as: T.self, to: &scratch.sample)
            let plainSize = try compressedSize(sample, level: level, scratch: scratch)
            let deltaSize = try scratch.sample.withUnsafeBytes { try compressedSize($0, level: level, scratch: scratch) }
            useDelta = deltaSize < plainSize
        }
        if useDelta {
            appendDeltas(values, as: T.self, to: &scratch.payload)
            return .delta
        }
        if let (width, base) = NarrowIntegers.plan(values, as: T.self) {
            NarrowIntegers.append(values, as: T.self, width: width, base: base, to: &scratch.payload)
            return .narrow
        }
        scratch.payload.append(contentsOf: values)
        return .plain
    }

    /// The number of steps `v[i] < v[i - 1]`, counted without branches (random values would
    /// mispredict every other one).
    static func countDescents<T: FixedWidthInteger & SignedInteger>(_ values: UnsafeRawBufferPointer, as: T.Type) -> Int {
        let size = MemoryLayout<T>.size
        let n = values.count / size
        guard n > 1 else { return 0 }
        var descents = 0
        var previous = values.loadUnaligned(as: T.self)
        for i in 1..<n {
            let v = values.loadUnaligned(fromByteOffset: i * size, as: T.self)
            descents &+= v < previous ? 1 : 0
            previous = v
        }
        return descents
    }

    /// Appends v[0], v[1] &- v[0], v[2] &- v[1], ...
    static func appendDeltas<T: FixedWidthInteger>(_ values: UnsafeRawBufferPointer, as: T.Type, to out: inout [UInt8]) {
        let size = MemoryLayout<T>.size
        let n = values.count / size
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: values.count))
        out.withUnsafeMutableBytes { dst in
            let base = dst.baseAddress! + start
            var previous: T = 0
            for i in 0..<n {
                let v = values.loadUnaligned(fromByteOffset: i * size, as: T.self)
                base.storeBytes(of: v &- previous, toByteOffset: i * size, as: T.self)
                previous = v
            }
        }
    }
}
