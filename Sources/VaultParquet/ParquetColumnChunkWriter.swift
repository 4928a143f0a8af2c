// ParquetColumnChunkWriter.swift: one column of one row group as pages.

import VaultColumnar

/// The encoded pages of one column chunk and their metadata (offsets relative to the chunk).
struct ParquetEncodedChunk {
    var bytes: [UInt8] = []
    var metaData: ParquetColumnMetaData
    /// Bytes of all pages before compression, headers included.
    var uncompressedSize: Int { Int(metaData.totalUncompressedSize) }

    /// The metadata with its offsets moved to where the chunk starts in the file.
    func metaData(at fileOffset: Int) -> ParquetColumnMetaData {
        var meta = metaData
        meta.dataPageOffset += Int64(fileOffset)
        meta.dictionaryPageOffset = meta.dictionaryPageOffset.map { $0 + Int64(fileOffset) }
        return meta
    }
}

/// Encodes a column chunk:
///
/// ```
///  [dictionary page: header | PLAIN distinct values]        (dictionary-encoded chunks)
///  data page 0: header | [u32 length | definition levels] | values   (v1; body compressed whole)
///  data page 1: ...
/// ```
///
/// Values are PLAIN, or a bit-width byte followed by RLE/bit-packed dictionary indices. Pages
/// hold about `pageBytes` of encoded values each (whole rows; at most `maximumPageRows`).
enum ParquetColumnChunkWriter {
    static let maximumPageRows = 1 << 20

    static func encode(_ column: Column, rows: Range<Int>, layout: ParquetColumnLayout, table: String,
                       options: ParquetWriterOptions, zstd: ParquetZstd) throws(ParquetError) -> ParquetEncodedChunk {
        let values = try ParquetChunkValues.gather(column, rows: rows, layout: layout, table: table)
        let dictionary = options.dictionaryPageBytesLimit > 0
            ? ParquetChunkDictionary.build(values, limitBytes: options.dictionaryPageBytesLimit) : nil
        let distinct = dictionary?.entries
        let statistics = ParquetChunkStatistics.compute(distinct ?? values, layout: layout, nullCount: rows.count - values.count)
        var encodings: Set<ParquetEncoding> = [dictionary == nil ? .plain : .rleDictionary]
        if dictionary != nil { encodings.insert(.plain) }
        if layout.isOptional { encodings.insert(.rle) }
        var chunk = ParquetEncodedChunk(metaData: ParquetColumnMetaData(
            type: layout.physicalType, encodings: encodings.sorted { $0.rawValue < $1.rawValue }, pathInSchema: [layout.field.name],
            codec: options.compression.codec, numValues: Int64(rows.count), totalUncompressedSize: 0, totalCompressedSize: 0,
            dataPageOffset: 0, statistics: statistics))
        var body: [UInt8] = []
        if dictionary != nil, let distinct {
            chunk.metaData.dictionaryPageOffset = 0
            distinct.appendPlain(0..<distinct.count, to: &body)
            try appendPage(&chunk, body: body, table: table, options: options, zstd: zstd) {
                ParquetPageHeader(type: .dictionaryPage, uncompressedPageSize: $0, compressedPageSize: $1,
                                  dictionaryPageHeader: ParquetDictionaryPageHeader(numValues: Int32(distinct.count)))
            }
        }
        chunk.metaData.dataPageOffset = Int64(chunk.bytes.count)
        let bytesPerRow = dictionary.map { Double($0.bitWidth) / 8 } ?? Double(values.plainSize) / Double(max(rows.count, 1))
        let pageRows = Int(min(Double(maximumPageRows), max(1, Double(options.pageBytes) / max(bytesPerRow, 0.125))))
        var valueStart = 0
        var pageStart = rows.lowerBound
        let validity = column.validity
        while pageStart < rows.upperBound {
            let pageRange = pageStart..<min(pageStart + pageRows, rows.upperBound)
            body.removeAll(keepingCapacity: true)
            var valueEnd = valueStart + pageRange.count
            if layout.isOptional {
                var levels: [UInt8] = []
                RLEHybrid.encode(count: pageRange.count, bitWidth: 1, into: &levels) {
                    validity.isValidUnchecked(pageRange.lowerBound + $0) ? 1 : 0
                }
                withUnsafeBytes(of: UInt32(levels.count).littleEndian) { body.append(contentsOf: $0) }
                body.append(contentsOf: levels)
                if !validity.allValid {
                    valueEnd = valueStart + pageRange.reduce(0) { $0 + (validity.isValidUnchecked($1) ? 1 : 0) }
                }
            }
            if let dictionary {
                body.append(UInt8(dictionary.bitWidth))
                dictionary.indices.withUnsafeBufferPointer { indices in
                    RLEHybrid.encode(count: valueEnd - valueStart, bitWidth: dictionary.bitWidth, into: &body) { indices[valueStart + $0] }
                }
            } else {
                values.appendPlain(valueStart..<valueEnd, to: &body)
            }
            try appendPage(&chunk, body: body, table: table, options: options, zstd: zstd) {
                ParquetPageHeader(type: .dataPage, uncompressedPageSize: $0, compressedPageSize: $1,
                                  dataPageHeader: ParquetDataPageHeader(numValues: Int32(pageRange.count),
                                                                        encoding: dictionary == nil ? .plain : .rleDictionary))
            }
            valueStart = valueEnd
            pageStart = pageRange.upperBound
        }
        return chunk
    }

    /// Compresses `body`, then appends the page header `header(uncompressed, compressed)` and the body.
    private static func appendPage(_ chunk: inout ParquetEncodedChunk, body: [UInt8], table: String,
                                   options: ParquetWriterOptions, zstd: ParquetZstd,
                                   header: (Int32, Int32) -> ParquetPageHeader) throws(ParquetError) {
        var stored: [UInt8]
        switch options.compression {
        case .none:
            stored = body
        case .zstd(let level):
            stored = []
            stored.reserveCapacity(body.count / 2 + 64)
            try body.withBytes { (raw) throws(ParquetError) in try zstd.compress(raw, level: level, appendingTo: &stored) }
        }
        guard body.count <= Int32.max, stored.count <= Int32.max else {
            throw .unrepresentable(table: table, column: chunk.metaData.pathInSchema.first ?? "", row: 0,
                                   reason: "a page of this column chunk exceeds 2 GiB")
        }
        let headerBytes = ThriftCompactEncoder.encode(header(Int32(body.count), Int32(stored.count)))
        chunk.bytes.append(contentsOf: headerBytes)
        chunk.bytes.append(contentsOf: stored)
        chunk.metaData.totalUncompressedSize += Int64(headerBytes.count + body.count)
        chunk.metaData.totalCompressedSize += Int64(headerBytes.count + stored.count)
    }
}
