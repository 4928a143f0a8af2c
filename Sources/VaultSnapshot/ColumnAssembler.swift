// ColumnAssembler.swift: building a column from its decoded chunks.

import VaultColumnar

/// Concatenates decoded chunks into the column's buffers and hands them to the checked
/// `Column.init(type:validity:values:bytes:dictionary:)`.
enum ColumnAssembler {
    static func assemble(_ file: SnapshotReader.OpenFile, chunks: [DecodedChunk]) throws -> Column {
        let footer = file.footer
        let expected = file.expected
        let n = footer.rowCount
        let dictionaryChunks = ColumnFooter.chunkCounts(rows: n, dictionary: footer.dictionaryCount,
                                                        rowsPerChunk: footer.rowsPerChunk).dictionary
        let rowEntries = footer.entries[dictionaryChunks...]
        let rowChunks = chunks[dictionaryChunks...]
        func corrupt(_ reason: String) -> SnapshotError {
            .corrupt(file: file.name, offset: ColumnFile.headerSize, reason: reason)
        }

        // Validity.
        let validity: ValidityBitmap
        if rowChunks.allSatisfy({ $0.validity == nil }) {
            validity = ValidityBitmap(allValid: n)
        } else {
            // Chunks cover multiples of 64 rows (the last excepted), so their words are contiguous.
            let words = AlignedBuffer(unsafeUninitializedCount: (n + 63) / 64 * 8) { out in
                var at = 0
                for (entry, chunk) in zip(rowEntries, rowChunks) {
                    if let range = chunk.validity {
                        chunk.storage.withUnsafeBytes { (out.baseAddress! + at).copyMemory(from: $0.baseAddress! + range.lowerBound, byteCount: range.count) }
                        at += range.count
                    } else {
                        for _ in 0..<entry.count / 64 { out.storeBytes(of: UInt64.max, toByteOffset: at, as: UInt64.self); at += 8 }
                        if entry.count % 64 != 0 {
                            out.storeBytes(of: (UInt64(1) << UInt64(entry.count % 64)) - 1, toByteOffset: at, as: UInt64.self)
                            at += 8
                        }
                    }
                }
                precondition(at == out.count, "validity words of the chunks must cover the column")
            }
            validity = ValidityBitmap(words: words, count: n)
        }

        // Dictionary.
        var dictionary: StringDictionary?
        if expected.isDictionaryEncoded {
            let (offsets, bytes) = strings(Array(chunks[..<dictionaryChunks]), count: footer.dictionaryCount)
            let rebuilt = StringDictionary(offsets: offsets, bytes: bytes)
            guard rebuilt.count == footer.dictionaryCount else { throw corrupt("the dictionary repeats a value") }
            dictionary = rebuilt
        }

        // Values (and bytes).
        var values: AlignedBuffer
        var bytes = AlignedBuffer()
        if expected.type == .string && !expected.isDictionaryEncoded {
            (values, bytes) = strings(Array(rowChunks), count: n)
        } else {
            let width = expected.isDictionaryEncoded ? 4 : expected.type.fixedWidth!
            guard rowChunks.reduce(0, { $0 + $1.values.count }) == n * width else { throw corrupt("chunks do not hold \(n) values") }
            values = AlignedBuffer(unsafeUninitializedCount: n * width) { out in
                var at = 0
                for chunk in rowChunks {
                    chunk.storage.withUnsafeBytes { (out.baseAddress! + at).copyMemory(from: $0.baseAddress! + chunk.values.lowerBound, byteCount: chunk.values.count) }
                    at += chunk.values.count
                }
            }
        }
        do {
            return try Column(type: expected.type, validity: validity, values: values, bytes: bytes, dictionary: dictionary)
        } catch {
            throw corrupt("\(error)")
        }
    }

    /// Int64 offsets (`count + 1`) and bytes from chunks of UInt32 lengths and bytes.
    private static func strings(_ chunks: [DecodedChunk], count: Int) -> (AlignedBuffer, AlignedBuffer) {
        var offsets = AlignedBuffer(capacity: (count + 1) * 8)
        let total = chunks.reduce(0) { $0 + $1.bytes.count }
        let bytes = AlignedBuffer(unsafeUninitializedCount: total) { out in
            var at = 0
            for chunk in chunks {
                chunk.storage.withUnsafeBytes { (out.baseAddress! + at).copyMemory(from: $0.baseAddress! + chunk.bytes.lowerBound, byteCount: chunk.bytes.count) }
                at += chunk.bytes.count
            }
        }
        offsets.appendUninitialized(maximum: (count + 1) * 8) { out in
            var at = 0, running: Int64 = 0
            out.storeBytes(of: running, toByteOffset: 0, as: Int64.self)
            at += 8
            for chunk in chunks {
                chunk.storage.withUnsafeBytes { p in
                    let rows = chunk.values.count / 4
                    for i in 0..<rows {
                        running += Int64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: chunk.values.lowerBound + i * 4, as: UInt32.self)))
                        out.storeBytes(of: running, toByteOffset: at, as: Int64.self)
                        at += 8
                    }
                }
            }
            return at
        }
        return (offsets, bytes)
    }
}
