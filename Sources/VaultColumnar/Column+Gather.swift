// Column+Gather.swift: gathering rows by index and concatenating columns.

extension Column {
    /// The rows at `indices`, in that order (indices may repeat), with this column's encoding
    /// (a dictionary column keeps its dictionary).
    ///
    /// - Complexity: O(indices.count) plus the string bytes copied.
    public func gather(_ indices: UnsafeBufferPointer<Int32>) -> Column {
        var result = Column(type, capacity: indices.count, dictionaryEncoded: dictionary != nil)
        result.dictionary = dictionary
        try! result.append(gathering: indices, from: self)  // same type by construction
        return result
    }

    /// The rows at `indices`.
    public func gather(_ indices: [Int32]) -> Column {
        indices.withUnsafeBufferPointer { gather($0) }
    }

    /// Appends every row of `other`, which must have the same type. Dictionary columns merge
    /// dictionaries (codes of `other` are remapped); mixed encodings append as this column's.
    public mutating func append(contentsOf other: Column) throws {
        guard other.type == type else { throw ColumnarError.schemaMismatch("cannot append a \(other.type) column to a \(type) column") }
        guard other.count > 0 else { return }
        validity.append(contentsOf: other.validity)
        switch type {
        case .string where dictionary != nil:
            if let otherDictionary = other.dictionary, otherDictionary == dictionary! {
                other.values.withUnsafeBytes { values.append($0) }
            } else if let otherDictionary = other.dictionary {
                var remap = [Int32](repeating: 0, count: otherDictionary.count)
                for c in 0..<otherDictionary.count {
                    remap[c] = otherDictionary.withValue(Int32(c)) { dictionary!.intern($0) }
                }
                if other.nullCount > 0 { ensureDictionaryHasCodeZero() }
                other.withUnsafeValues(as: Int32.self) { codes in
                    values.reserve(additional: codes.count * 4)
                    for (i, code) in codes.enumerated() {
                        // A NULL row keeps code 0, whatever code 0 means in the other dictionary.
                        values.append(value: other.validity.isValidUnchecked(i) ? remap[Int(code)] : Int32(0))
                    }
                }
            } else {
                if other.nullCount > 0 { ensureDictionaryHasCodeZero() }
                for i in 0..<other.count {
                    let code = other.validity.isValidUnchecked(i) ? other.withBytes(at: i) { dictionary!.intern($0) } : 0
                    values.append(value: code)
                }
            }
        case .string:
            let base = Int64(bytes.count)
            if other.dictionary == nil {
                other.bytes.withUnsafeBytes { bytes.append($0) }
                other.withUnsafeValues(as: Int64.self) { offsets in
                    values.reserve(additional: (offsets.count - 1) * 8)
                    for k in 1..<offsets.count { values.append(value: offsets[k] + base) }
                }
            } else {
                for i in 0..<other.count {
                    other.withBytes(at: i) { bytes.append($0) }
                    values.append(value: Int64(bytes.count))
                }
            }
        default:
            other.values.withUnsafeBytes { values.append($0) }
        }
    }
}
