// Column+AppendGathered.swift: appending chosen rows of another column in place, with no
// intermediate column.

extension Column {
    /// Appends the rows of `other` at `indices`, in that order: the same result as
    /// `append(contentsOf: other.gather(indices))`, byte for byte (dictionaries included), without
    /// building the gathered column first. A load appends its new rows this way, so each value is
    /// copied once, into the table, and no temporary buffer's fresh pages are touched.
    ///
    /// - Throws: ``ColumnarError/schemaMismatch(_:)`` when the types differ.
    /// - Precondition: every index is a row of `other` (checked).
    public mutating func append(gathering indices: UnsafeBufferPointer<Int32>, from other: Column) throws {
        guard other.type == type else { throw ColumnarError.schemaMismatch("cannot append a \(other.type) column to a \(type) column") }
        let n = indices.count
        guard n > 0 else { return }
        let rowCount = other.count
        for index in indices { precondition(index >= 0 && Int(index) < rowCount, "gather index \(index) out of range") }
        appendValidity(gathering: indices, from: other.validity)
        switch type {
        case .string where dictionary != nil:
            appendCodes(gathering: indices, from: other)
        case .string:
            appendPlainStrings(gathering: indices, from: other)
        default:
            let width = type.fixedWidth!
            values.appendUninitialized(maximum: n * width) { out in
                other.values.withUnsafeBytes { source in Self.copyElements(width: width, indices, from: source, to: out) }
                return n * width
            }
        }
    }

    /// Copies `width`-byte elements at `indices` from `source` to consecutive places of `out`.
    /// The caller has checked the indices.
    private static func copyElements(width: Int, _ indices: UnsafeBufferPointer<Int32>,
                                     from source: UnsafeRawBufferPointer, to out: UnsafeMutableRawBufferPointer) {
        let s = source.baseAddress!, o = out.baseAddress!
        switch width {
        case 4:
            for (k, index) in indices.enumerated() {
                o.storeBytes(of: s.loadUnaligned(fromByteOffset: Int(index) * 4, as: UInt32.self), toByteOffset: k * 4, as: UInt32.self)
            }
        case 8:
            for (k, index) in indices.enumerated() {
                o.storeBytes(of: s.loadUnaligned(fromByteOffset: Int(index) * 8, as: UInt64.self), toByteOffset: k * 8, as: UInt64.self)
            }
        case 16:
            for (k, index) in indices.enumerated() {
                let from = Int(index) * 16
                o.storeBytes(of: s.loadUnaligned(fromByteOffset: from, as: UInt64.self), toByteOffset: k * 16, as: UInt64.self)
                o.storeBytes(of: s.loadUnaligned(fromByteOffset: from + 8, as: UInt64.self), toByteOffset: k * 16 + 8, as: UInt64.self)
            }
        default:
            for (k, index) in indices.enumerated() {
                (o + k * width).copyMemory(from: s + Int(index) * width, byteCount: width)
            }
        }
    }

    private mutating func appendValidity(gathering indices: UnsafeBufferPointer<Int32>, from other: ValidityBitmap) {
        if other.allValid {
            validity.appendValid(indices.count)
        } else {
            for index in indices { validity.append(other.isValidUnchecked(Int(index))) }
        }
    }

    /// Dictionary codes: copied when both dictionaries are equal; otherwise every entry of the other
    /// dictionary is interned in code order (as ``append(contentsOf:)`` does) and codes remapped.
    private mutating func appendCodes(gathering indices: UnsafeBufferPointer<Int32>, from other: Column) {
        let n = indices.count
        if let otherDictionary = other.dictionary {
            var remap: [Int32]? = nil
            if otherDictionary != dictionary! {
                remap = (0..<otherDictionary.count).map { c in otherDictionary.withValue(Int32(c)) { dictionary!.intern($0) } }
                if other.nullCount > 0 { ensureDictionaryHasCodeZero() }
            }
            values.appendUninitialized(maximum: n * 4) { out in
                other.values.withUnsafeBytes { source in
                    if let remap {
                        for (k, index) in indices.enumerated() {
                            let i = Int(index)
                            let code = other.validity.isValidUnchecked(i) ? remap[Int(source.load(fromByteOffset: i * 4, as: Int32.self))] : 0
                            out.storeBytes(of: code, toByteOffset: k * 4, as: Int32.self)
                        }
                    } else {
                        Self.copyElements(width: 4, indices, from: source, to: out)
                    }
                }
                return n * 4
            }
        } else {
            if other.nullCount > 0 { ensureDictionaryHasCodeZero() }
            for index in indices {
                let i = Int(index)
                let code = other.validity.isValidUnchecked(i) ? other.withBytes(at: i) { dictionary!.intern($0) } : 0
                values.append(value: code)
            }
        }
    }

    /// Plain strings: offsets and bytes, from a plain or a dictionary column.
    private mutating func appendPlainStrings(gathering indices: UnsafeBufferPointer<Int32>, from other: Column) {
        guard other.dictionary == nil else {
            for index in indices {
                other.withBytes(at: Int(index)) { bytes.append($0) }
                values.append(value: Int64(bytes.count))
            }
            return
        }
        let n = indices.count
        let total = other.withUnsafeValues(as: Int64.self) { offsets in
            indices.reduce(0) { $0 + Int(offsets[Int($1) + 1] - offsets[Int($1)]) }
        }
        var position = Int64(bytes.count)
        other.withUnsafeValues(as: Int64.self) { offsets in
            other.bytes.withUnsafeBytes { source in
                bytes.appendUninitialized(maximum: total) { target in
                    var written = 0
                    for index in indices {
                        let start = Int(offsets[Int(index)]), length = Int(offsets[Int(index) + 1]) - start
                        if length > 0 { (target.baseAddress! + written).copyMemory(from: source.baseAddress! + start, byteCount: length) }
                        written += length
                    }
                    return written
                }
                values.appendUninitialized(maximum: n * 8) { out in
                    for (k, index) in indices.enumerated() {
                        position += offsets[Int(index) + 1] - offsets[Int(index)]
                        out.storeBytes(of: position, toByteOffset: k * 8, as: Int64.self)
                    }
                    return n * 8
                }
            }
        }
    }

    /// Appends `count` copies of a fixed-width value, all valid (a batch's `load_date`).
    public mutating func append<T: BitwiseCopyable>(repeating value: T, count: Int) {
        precondition(type != .string && type.fixedWidth == MemoryLayout<T>.size, "value width does not match \(type)")
        let width = MemoryLayout<T>.size
        values.appendUninitialized(maximum: count * width) { out in
            for k in 0..<count { out.storeBytes(of: value, toByteOffset: k * width, as: T.self) }
            return count * width
        }
        validity.appendValid(count)
    }
}
