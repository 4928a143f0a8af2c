// Table+Concatenate.swift: joining the parts of a table built in chunks, with one copy per byte.

extension Table {
    /// The rows of `parts` (one schema) one after another, named after the first part.
    ///
    /// Unlike appending part by part, every buffer is allocated once at its final size and is not
    /// zero-filled first (see ``Column/init(concatenating:)``). Throws when the schemas differ or
    /// the rows would not fit a table.
    ///
    /// - Complexity: O(total bytes), one `memcpy` per part and buffer (string offsets are rebased).
    public init(concatenating parts: [Table]) throws {
        guard let first = parts.first else { preconditionFailure("no parts to concatenate") }
        for part in parts where part.schema != first.schema {
            throw ColumnarError.schemaMismatch("cannot concatenate \(part.name) with \(first.name): schemas differ")
        }
        let rows = parts.reduce(0) { $0 + $1.count }
        guard rows <= Int(Int32.max) else { throw ColumnarError.rowLimitExceeded(rows) }
        let columns = try first.columns.indices.map { i in try Column(concatenating: parts.map { $0.columns[i] }) }
        try self.init(name: first.name, schema: first.schema, columns: columns)
    }
}

extension Column {
    /// The rows of `parts` (one type; dictionary columns should share one dictionary) one after
    /// another. Buffers are allocated at their final size without zero-filling; a dictionary
    /// column whose parts have different dictionaries falls back to re-coding them one by one.
    public init(concatenating parts: [Column]) throws {
        guard let first = parts.first else { preconditionFailure("no parts to concatenate") }
        guard parts.count > 1 else { self = first; return }
        for part in parts where part.type != first.type || (part.dictionary == nil) != (first.dictionary == nil) {
            throw ColumnarError.schemaMismatch("cannot concatenate a \(part.type) column with a \(first.type) column")
        }
        if let dictionary = first.dictionary, parts.contains(where: { $0.dictionary! != dictionary }) {
            var result = first
            for part in parts.dropFirst() { try result.append(contentsOf: part) }
            self = result
            return
        }
        let validity = ValidityBitmap(concatenating: parts.map(\.validity))
        if first.type == .string && first.dictionary == nil {
            let offsets = AlignedBuffer(unsafeUninitializedCount: (validity.count + 1) * 8) { raw in
                let target = raw.bindMemory(to: Int64.self)
                target[0] = 0
                var row = 0, base: Int64 = 0
                for part in parts {
                    part.withUnsafeValues(as: Int64.self) { source in
                        for k in 1..<source.count { target[row + k] = source[k] &+ base }
                        row += source.count - 1
                    }
                    base += Int64(part.bytes.count)
                }
            }
            self.init(builtType: first.type, validity: validity, values: offsets,
                      bytes: AlignedBuffer(concatenating: parts.map(\.bytes)))
        } else {
            self.init(builtType: first.type, validity: validity, values: AlignedBuffer(concatenating: parts.map(\.values)),
                      dictionary: first.dictionary)
        }
    }
}

extension AlignedBuffer {
    /// The bytes in use of `parts`, one after another, in one allocation (not zero-filled first).
    public init(concatenating parts: [AlignedBuffer]) {
        let total = parts.reduce(0) { $0 + $1.count }
        self.init(unsafeUninitializedCount: total) { target in
            var offset = 0
            for part in parts where part.count > 0 {
                part.withUnsafeBytes { (target.baseAddress! + offset).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                offset += part.count
            }
        }
    }
}

extension ValidityBitmap {
    /// The rows of `parts` one after another, a word at a time (shifted when a part does not
    /// start on a word boundary).
    public init(concatenating parts: [ValidityBitmap]) {
        let count = parts.reduce(0) { $0 + $1.count }
        if parts.allSatisfy(\.allValid) {
            self.init(count: count, nullRows: [])
            return
        }
        let wordCount = (count + 63) / 64
        let words = AlignedBuffer(unsafeUninitializedCount: wordCount * 8) { raw in
            let target = raw.bindMemory(to: UInt64.self)
            for i in 0..<wordCount { target[i] = 0 }
            var bit = 0
            for part in parts {
                part.words.withUnsafeBytes { source in
                    // Bits past a part's count are zero (its invariant), so OR-ing whole words is exact.
                    let shift = UInt64(bit & 63)
                    for (j, word) in source.bindMemory(to: UInt64.self).enumerated() {
                        let i = (bit >> 6) + j
                        target[i] |= word << shift
                        if shift != 0 && i + 1 < wordCount { target[i + 1] |= word >> (64 - shift) }
                    }
                }
                bit += part.count
            }
        }
        self.init(words: words, count: count)
    }
}
