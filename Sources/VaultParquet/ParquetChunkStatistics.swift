// ParquetChunkStatistics.swift: min, max and counts of a column chunk, in each type's order.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Column-chunk statistics as the format defines them for `TYPE_ORDER` columns:
///
/// - INT32 / INT64 (ints, dates, times, timestamps, decimals): signed comparison;
/// - DOUBLE: numeric comparison without NaN (counted in `nan_count`); a zero minimum is written
///   as -0.0 and a zero maximum as +0.0, as the format asks;
/// - BOOLEAN: false < true;
/// - BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY: unsigned byte-wise lexicographic comparison, a proper
///   prefix before the longer value; bounds longer than `maximumBoundBytes` are left out rather
///   than truncated.
///
/// `null_count` is always written. Bounds are PLAIN-encoded without a length prefix.
enum ParquetChunkStatistics {
    /// The longest byte-array bound written.
    static let maximumBoundBytes = 4096

    static func compute(_ values: ParquetChunkValues, layout: ParquetColumnLayout, nullCount: Int) -> ParquetStatistics {
        var statistics = ParquetStatistics(nullCount: Int64(nullCount))
        guard values.count > 0 else {
            if layout.physicalType == .double { statistics.nanCount = 0 }
            return statistics
        }
        switch layout.physicalType {
        case .int32: signedBounds(values, as: Int32.self, into: &statistics)
        case .int64: signedBounds(values, as: Int64.self, into: &statistics)
        case .double: doubleBounds(values, into: &statistics)
        case .boolean:
            let anyTrue = values.data.contains(1), anyFalse = values.data.contains(0)
            statistics.minValue = [anyFalse ? 0 : 1]
            statistics.maxValue = [anyTrue ? 1 : 0]
        case .byteArray, .fixedLenByteArray: byteBounds(values, into: &statistics)
        case .int96, .float: preconditionFailure("vaultsim never writes \(layout.physicalType)")
        }
        return statistics
    }

    private static func signedBounds<T: FixedWidthInteger & SignedInteger>(_ values: ParquetChunkValues, as: T.Type,
                                                                           into statistics: inout ParquetStatistics) {
        var low = T.max, high = T.min
        values.data.withUnsafeBytes { raw in
            for k in 0..<values.count {
                let v = T(littleEndian: raw.loadUnaligned(fromByteOffset: k * MemoryLayout<T>.size, as: T.self))
                low = min(low, v)
                high = max(high, v)
            }
        }
        statistics.minValue = littleEndianBytes(low)
        statistics.maxValue = littleEndianBytes(high)
    }

    private static func doubleBounds(_ values: ParquetChunkValues, into statistics: inout ParquetStatistics) {
        var low = Double.infinity, high = -Double.infinity
        var nans: Int64 = 0
        values.data.withUnsafeBytes { raw in
            for k in 0..<values.count {
                let v = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self)))
                if v.isNaN { nans += 1; continue }
                low = min(low, v)
                high = max(high, v)
            }
        }
        statistics.nanCount = nans
        guard nans < values.count else { return }
        if low == 0 { low = -0.0 }
        if high == 0 { high = 0.0 }
        statistics.minValue = littleEndianBytes(low.bitPattern)
        statistics.maxValue = littleEndianBytes(high.bitPattern)
    }

    private static func byteBounds(_ values: ParquetChunkValues, into statistics: inout ParquetStatistics) {
        let (minimum, maximum) = values.data.withUnsafeBytes { data in
            values.offsets.withUnsafeBufferPointer { offsets -> ([UInt8], [UInt8]) in
                func value(_ k: Int) -> UnsafeRawBufferPointer {
                    let (start, length) = values.storage.range(of: k, offsets: offsets)
                    return UnsafeRawBufferPointer(rebasing: data[start..<start + length])
                }
                var low = value(0), high = low
                for k in 1..<values.count {
                    let v = value(k)
                    if compareUnsigned(v, low) < 0 { low = v }
                    if compareUnsigned(v, high) > 0 { high = v }
                }
                return (Array(low), Array(high))
            }
        }
        if minimum.count <= maximumBoundBytes && maximum.count <= maximumBoundBytes {
            statistics.minValue = minimum
            statistics.maxValue = maximum
        }
    }

    /// Unsigned lexicographic comparison: negative, zero or positive.
    static func compareUnsigned(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, common)
            if c != 0 { return Int(c) }
        }
        return a.count - b.count
    }

    private static func littleEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
