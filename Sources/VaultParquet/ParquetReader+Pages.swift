// ParquetReader+Pages.swift: the pages of one column chunk decoded into a Column.

import VaultColumnar

extension ParquetReader {
    /// Decodes the pages of one chunk and appends its rows to `column`.
    func readChunk(_ meta: ParquetColumnMetaData, layout: ParquetColumnLayout, into column: inout Column,
                   where place: String) throws(ParquetError) {
        func fail(_ reason: String) -> ParquetError { .malformedFile(path: name, reason: "\(place): \(reason)") }
        guard meta.type == layout.physicalType else { throw fail("physical type \(meta.type), schema says \(layout.physicalType)") }
        guard meta.codec == .uncompressed || meta.codec == .zstd else { throw fail("codec \(meta.codec) is not supported") }
        let zstd = ParquetZstd()
        // Checked as read (Int64), before any arithmetic: the sum of two of them may overflow.
        let first = meta.dictionaryPageOffset ?? meta.dataPageOffset, dataEnd = Int64(bytes.count - 8 - footerLength)
        guard first >= 4, first <= dataEnd, meta.totalCompressedSize >= 0, meta.totalCompressedSize <= dataEnd - first else {
            throw fail("chunk offsets lie outside the data")
        }
        var position = Int(first)
        let end = position + Int(meta.totalCompressedSize)
        var dictionary: ParquetChunkValues?
        var rowsRead: Int64 = 0
        while rowsRead < meta.numValues {
            guard position < end else { throw fail("pages end after \(rowsRead) of \(meta.numValues) values") }
            let (fields, bodyStart) = try Self.decodeStruct(bytes, at: position, limit: end, name: name)
            let header: ParquetPageHeader
            do { header = try ParquetPageHeader(fields: fields) } catch { throw fail("page header at \(position): \(error.description)") }
            let stored = Int(header.compressedPageSize), size = Int(header.uncompressedPageSize)
            guard stored >= 0, size >= 0, stored <= end - bodyStart else { throw fail("page at \(position) runs past the chunk") }
            let body: [UInt8]
            if meta.codec == .zstd {
                body = try bytes.withBytes { (raw) throws(ParquetError) in
                    try zstd.decompress(UnsafeRawBufferPointer(rebasing: raw[bodyStart..<bodyStart + stored]), size: size)
                }
            } else {
                guard stored == size else { throw fail("uncompressed page with two different sizes") }
                body = Array(bytes[bodyStart..<bodyStart + stored])
            }
            position = bodyStart + stored
            switch header.type {
            case .dictionaryPage:
                guard let d = header.dictionaryPageHeader, d.encoding == .plain || d.encoding == .plainDictionary, dictionary == nil,
                      d.numValues >= 0 else {
                    throw fail("unexpected dictionary page")
                }
                dictionary = try Self.decodePlain(body, from: 0, count: Int(d.numValues), storage: layout.storage, fail: fail)
            case .dataPage:
                guard let d = header.dataPageHeader else { throw fail("data page without its header") }
                try decodeDataPage(body, header: d, layout: layout, dictionary: dictionary, into: &column, fail: fail)
                rowsRead += Int64(d.numValues)
            default:
                throw fail("page type \(header.type) is not supported")
            }
        }
        guard rowsRead == meta.numValues else { throw fail("pages hold \(rowsRead) values, the chunk \(meta.numValues)") }
    }

    private func decodeDataPage(_ body: [UInt8], header: ParquetDataPageHeader, layout: ParquetColumnLayout,
                                dictionary: ParquetChunkValues?, into column: inout Column,
                                fail: (String) -> ParquetError) throws(ParquetError) {
        let rows = Int(header.numValues)
        guard rows >= 0 else { throw fail("negative value count") }
        var cursor = 0
        var levels = [UInt32](repeating: 1, count: rows)
        if layout.isOptional {
            guard body.count >= 4 else { throw fail("definition levels cut short") }
            let length = Int(body[0]) | Int(body[1]) << 8 | Int(body[2]) << 16 | Int(body[3]) << 24
            guard length <= body.count - 4 else { throw fail("definition levels run past the page") }
            levels = try body.withBytes { (raw) throws(ParquetError) in
                try RLEHybrid.decode(UnsafeRawBufferPointer(rebasing: raw[4..<4 + length]), bitWidth: 1, count: rows).values
            }
            cursor = 4 + length
        }
        let present = levels.reduce(0) { $0 + Int($1) }
        guard levels.allSatisfy({ $0 <= 1 }) else { throw fail("definition level above 1") }
        let values: ParquetChunkValues
        switch header.encoding {
        case .plain:
            values = try Self.decodePlain(body, from: cursor, count: present, storage: layout.storage, fail: fail)
        case .rleDictionary, .plainDictionary:
            guard let dictionary else { throw fail("dictionary-encoded page without a dictionary page") }
            guard cursor < body.count || present == 0 else { throw fail("dictionary indices missing") }
            let width = present == 0 ? 0 : Int(body[cursor])
            let indices = try body.withBytes { (raw) throws(ParquetError) in
                try RLEHybrid.decode(UnsafeRawBufferPointer(rebasing: raw[min(cursor + 1, raw.count)...]), bitWidth: width, count: present).values
            }
            var gathered = ParquetChunkValues(storage: layout.storage)
            for index in indices {
                guard Int(index) < dictionary.count else { throw fail("dictionary index \(index) out of \(dictionary.count)") }
                dictionary.withValue(Int(index)) { gathered.append($0) }
            }
            values = gathered
        default:
            throw fail("encoding \(header.encoding) is not supported")
        }
        var k = 0
        for level in levels {
            if level == 0 {
                column.appendNull()
                continue
            }
            values.withValue(k) { raw in Self.append(raw, layout: layout, to: &column) }
            k += 1
        }
    }

    /// Appends one PLAIN value (as stored) to a vaultsim column.
    private static func append(_ raw: UnsafeRawBufferPointer, layout: ParquetColumnLayout, to column: inout Column) {
        switch layout.field.type {
        case .int32, .date: column.append(raw.loadUnaligned(as: Int32.self))
        case .decimal where layout.narrowsToInt32: column.append(Int64(raw.loadUnaligned(as: Int32.self)))
        case .int64, .time, .timestamp, .decimal: column.append(raw.loadUnaligned(as: Int64.self))
        case .double: column.append(raw.loadUnaligned(as: Double.self))
        case .bool: column.append(bool: raw[0] != 0)
        case .string: column.append(utf8: raw)
        case .fixedBinary: column.append(binary: raw)
        }
    }

    /// Decodes `count` PLAIN values starting at `offset`.
    static func decodePlain(_ body: [UInt8], from offset: Int, count: Int, storage: ParquetColumnLayout.Storage,
                            fail: (String) -> ParquetError) throws(ParquetError) -> ParquetChunkValues {
        var values = ParquetChunkValues(storage: storage)
        var cursor = offset
        for k in 0..<count {
            switch storage {
            case .fixed(let width):
                guard body.count - cursor >= width else { throw fail("PLAIN values cut short at value \(k)") }
                body.withUnsafeBytes { values.append(UnsafeRawBufferPointer(rebasing: $0[cursor..<cursor + width])) }
                cursor += width
            case .variable:
                guard body.count - cursor >= 4 else { throw fail("PLAIN byte array length cut short at value \(k)") }
                let length = Int(body[cursor]) | Int(body[cursor + 1]) << 8 | Int(body[cursor + 2]) << 16 | Int(body[cursor + 3]) << 24
                cursor += 4
                guard body.count - cursor >= length else { throw fail("PLAIN byte array cut short at value \(k)") }
                body.withUnsafeBytes { values.append(UnsafeRawBufferPointer(rebasing: $0[cursor..<cursor + length])) }
                cursor += length
            case .boolean:
                guard cursor + k / 8 < body.count else { throw fail("PLAIN booleans cut short at value \(k)") }
                let bit = (body[cursor + k / 8] >> UInt8(k % 8)) & 1
                withUnsafeBytes(of: bit) { values.append($0) }
            }
        }
        return values
    }
}
