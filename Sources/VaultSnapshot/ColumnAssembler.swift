// ColumnAssembler.swift: building a column from its target buffers and decoded string chunks.

import VaultColumnar

/// Builds a restored column: fixed-width values and validity words are already in place in the
/// column's ``ColumnTarget``; string chunks (and dictionary chunks) are concatenated here. The
/// buffers then go through the checked `Column.init(type:validity:values:bytes:dictionary:)`.
enum ColumnAssembler {
    /// `chunks[i]` is the decoded chunk of footer entry `i` when that chunk is a string or
    /// dictionary chunk, nil when it was decoded into `target`.
    static func assemble(_ file: SnapshotReader.OpenFile, target: ColumnTarget, chunks: [DecodedChunk?]) throws -> Column {
        let footer = file.footer
        let expected = file.expected
        let n = footer.rowCount
        let dictionaryChunks = ColumnFooter.chunkCounts(rows: n, dictionary: footer.dictionaryCount,
                                                        rowsPerChunk: footer.rowsPerChunk).dictionary
        func corrupt(_ reason: String) -> SnapshotError {
            .corrupt(file: file.name, offset: ColumnFile.headerSize, reason: reason)
        }
        let validity = target.finishValidity()

        var dictionary: StringDictionary?
        if expected.isDictionaryEncoded {
            let (offsets, bytes) = strings(chunks[..<dictionaryChunks].map { $0! }, count: footer.dictionaryCount)
            let rebuilt = StringDictionary(offsets: offsets, bytes: bytes)
            guard rebuilt.count == footer.dictionaryCount else { throw corrupt("the dictionary repeats a value") }
            dictionary = rebuilt
        }

        var values: AlignedBuffer
        var bytes = AlignedBuffer()
        if let fixed = target.values {
            values = fixed
        } else {
            (values, bytes) = strings(chunks[dictionaryChunks...].map { $0! }, count: n)
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
