// ParquetMetadata+Decoding.swift: the footer and page-header structs rebuilt from decoded Thrift.

extension ThriftFields {
    func integer(_ id: Int16, _ name: String) throws(ParquetError) -> Int64 {
        guard let value = try optionalInteger(id, name) else { throw .malformedMetadata("required field \(name) (\(id)) is missing") }
        return value
    }

    func optionalInteger(_ id: Int16, _ name: String) throws(ParquetError) -> Int64? {
        guard let value = self[id] else { return nil }
        guard let n = value.integer else { throw .malformedMetadata("field \(name) (\(id)) is not an integer") }
        return n
    }

    func int32(_ id: Int16, _ name: String) throws(ParquetError) -> Int32 {
        let n = try integer(id, name)
        guard let narrow = Int32(exactly: n) else { throw .malformedMetadata("field \(name) (\(id)) = \(n) is out of range") }
        return narrow
    }

    func optionalInt32(_ id: Int16, _ name: String) throws(ParquetError) -> Int32? {
        guard self[id] != nil else { return nil }
        return try int32(id, name)
    }

    func enumeration<E: RawRepresentable>(_ id: Int16, _ name: String, _: E.Type) throws(ParquetError) -> E? where E.RawValue == Int32 {
        guard let raw = try optionalInt32(id, name) else { return nil }
        guard let value = E(rawValue: raw) else { throw .malformedMetadata("field \(name) has the unknown value \(raw)") }
        return value
    }

    func requiredEnumeration<E: RawRepresentable>(_ id: Int16, _ name: String, _ type: E.Type) throws(ParquetError) -> E where E.RawValue == Int32 {
        guard let value = try enumeration(id, name, type) else { throw .malformedMetadata("required field \(name) (\(id)) is missing") }
        return value
    }

    func binary(_ id: Int16, _ name: String) throws(ParquetError) -> [UInt8]? {
        guard let value = self[id] else { return nil }
        guard case .binary(let bytes) = value else { throw .malformedMetadata("field \(name) (\(id)) is not binary") }
        return bytes
    }

    func string(_ id: Int16, _ name: String) throws(ParquetError) -> String? {
        try binary(id, name).map { String(decoding: $0, as: UTF8.self) }
    }

    func bool(_ id: Int16, _ name: String) throws(ParquetError) -> Bool? {
        guard let value = self[id] else { return nil }
        guard case .bool(let b) = value else { throw .malformedMetadata("field \(name) (\(id)) is not a bool") }
        return b
    }

    func structure(_ id: Int16, _ name: String) throws(ParquetError) -> ThriftFields? {
        guard let value = self[id] else { return nil }
        guard case .structure(let fields) = value else { throw .malformedMetadata("field \(name) (\(id)) is not a struct") }
        return fields
    }

    func list(_ id: Int16, _ name: String) throws(ParquetError) -> [ThriftValue] {
        guard let value = self[id] else { throw .malformedMetadata("required list \(name) (\(id)) is missing") }
        guard case .list(_, let items) = value else { throw .malformedMetadata("field \(name) (\(id)) is not a list") }
        return items
    }

    func structs(_ id: Int16, _ name: String) throws(ParquetError) -> [ThriftFields] {
        var result: [ThriftFields] = []
        for item in try list(id, name) {
            guard case .structure(let fields) = item else { throw .malformedMetadata("\(name) holds a non-struct") }
            result.append(fields)
        }
        return result
    }
}

extension ParquetLogicalType {
    init?(fields: ThriftFields) throws(ParquetError) {
        guard let (id, value) = fields.fields.first.map({ ($0.id, $0.value) }), case .structure(let inner) = value else { return nil }
        func unit() throws(ParquetError) -> ParquetTimeUnit {
            guard let unitFields = try inner.structure(2, "unit"), let first = unitFields.fields.first,
                  let unit = ParquetTimeUnit(rawValue: first.id) else { throw .malformedMetadata("time unit missing") }
            return unit
        }
        switch id {
        case 1: self = .string
        case 5: self = .decimal(precision: try inner.int32(2, "precision"), scale: try inner.int32(1, "scale"))
        case 6: self = .date
        case 7: self = .time(isAdjustedToUTC: try inner.bool(1, "isAdjustedToUTC") ?? false, unit: try unit())
        case 8: self = .timestamp(isAdjustedToUTC: try inner.bool(1, "isAdjustedToUTC") ?? false, unit: try unit())
        default: return nil
        }
    }
}

extension ParquetSchemaElement {
    init(fields f: ThriftFields) throws(ParquetError) {
        guard let name = try f.string(4, "name") else { throw .malformedMetadata("schema element without a name") }
        self.init(type: try f.enumeration(1, "type", ParquetPhysicalType.self), typeLength: try f.optionalInt32(2, "type_length"),
                  repetition: try f.enumeration(3, "repetition_type", ParquetRepetition.self), name: name,
                  numChildren: try f.optionalInt32(5, "num_children"),
                  convertedType: try f.enumeration(6, "converted_type", ParquetConvertedType.self),
                  scale: try f.optionalInt32(7, "scale"), precision: try f.optionalInt32(8, "precision"),
                  logicalType: try f.structure(10, "logicalType").flatMap { (l: ThriftFields) throws(ParquetError) in try ParquetLogicalType(fields: l) })
    }
}

extension ParquetStatistics {
    init(fields f: ThriftFields) throws(ParquetError) {
        self.init(nullCount: try f.optionalInteger(3, "null_count"), distinctCount: try f.optionalInteger(4, "distinct_count"),
                  maxValue: try f.binary(5, "max_value"), minValue: try f.binary(6, "min_value"),
                  isMaxValueExact: try f.bool(7, "is_max_value_exact"), isMinValueExact: try f.bool(8, "is_min_value_exact"),
                  nanCount: try f.optionalInteger(9, "nan_count"))
    }
}

extension ParquetColumnMetaData {
    init(fields f: ThriftFields) throws(ParquetError) {
        var encodings: [ParquetEncoding] = []
        for item in try f.list(2, "encodings") {
            guard let raw = item.integer, let e = ParquetEncoding(rawValue: Int32(truncatingIfNeeded: raw)) else {
                throw .malformedMetadata("unknown encoding in encodings")
            }
            encodings.append(e)
        }
        var path: [String] = []
        for item in try f.list(3, "path_in_schema") {
            guard case .binary(let bytes) = item else { throw .malformedMetadata("path_in_schema holds a non-string") }
            path.append(String(decoding: bytes, as: UTF8.self))
        }
        self.init(type: try f.requiredEnumeration(1, "type", ParquetPhysicalType.self), encodings: encodings, pathInSchema: path,
                  codec: try f.requiredEnumeration(4, "codec", ParquetCompressionCodec.self),
                  numValues: try f.integer(5, "num_values"), totalUncompressedSize: try f.integer(6, "total_uncompressed_size"),
                  totalCompressedSize: try f.integer(7, "total_compressed_size"), dataPageOffset: try f.integer(9, "data_page_offset"),
                  dictionaryPageOffset: try f.optionalInteger(11, "dictionary_page_offset"),
                  statistics: try f.structure(12, "statistics").map { (s: ThriftFields) throws(ParquetError) in try ParquetStatistics(fields: s) })
    }
}

extension ParquetRowGroup {
    init(fields f: ThriftFields) throws(ParquetError) {
        var columns: [ParquetColumnChunk] = []
        for chunk in try f.structs(1, "columns") {
            guard let meta = try chunk.structure(3, "meta_data") else { throw .malformedMetadata("column chunk without meta_data") }
            columns.append(ParquetColumnChunk(fileOffset: try chunk.integer(2, "file_offset"), metaData: try ParquetColumnMetaData(fields: meta)))
        }
        let ordinal = try f.optionalInteger(7, "ordinal").map { Int16(truncatingIfNeeded: $0) }
        self.init(columns: columns, totalByteSize: try f.integer(2, "total_byte_size"), numRows: try f.integer(3, "num_rows"),
                  fileOffset: try f.optionalInteger(5, "file_offset"), totalCompressedSize: try f.optionalInteger(6, "total_compressed_size"),
                  ordinal: ordinal)
    }
}

extension ParquetFileMetaData {
    /// Rebuilds the footer from its decoded Thrift struct.
    public init(fields f: ThriftFields) throws(ParquetError) {
        var schema: [ParquetSchemaElement] = []
        for element in try f.structs(2, "schema") { schema.append(try ParquetSchemaElement(fields: element)) }
        var groups: [ParquetRowGroup] = []
        for group in try f.structs(4, "row_groups") { groups.append(try ParquetRowGroup(fields: group)) }
        let orders = f[7] == nil ? nil : try f.list(7, "column_orders").count
        self.init(version: try f.int32(1, "version"), schema: schema, numRows: try f.integer(3, "num_rows"),
                  rowGroups: groups, createdBy: try f.string(6, "created_by"), typeDefinedColumnOrders: orders)
    }
}

extension ParquetPageHeader {
    /// Rebuilds a page header from its decoded Thrift struct.
    public init(fields f: ThriftFields) throws(ParquetError) {
        var data: ParquetDataPageHeader?
        if let d = try f.structure(5, "data_page_header") {
            data = ParquetDataPageHeader(numValues: try d.int32(1, "num_values"),
                                         encoding: try d.requiredEnumeration(2, "encoding", ParquetEncoding.self))
            data?.definitionLevelEncoding = try d.requiredEnumeration(3, "definition_level_encoding", ParquetEncoding.self)
            data?.repetitionLevelEncoding = try d.requiredEnumeration(4, "repetition_level_encoding", ParquetEncoding.self)
        }
        var dictionary: ParquetDictionaryPageHeader?
        if let d = try f.structure(7, "dictionary_page_header") {
            dictionary = ParquetDictionaryPageHeader(numValues: try d.int32(1, "num_values"))
            dictionary?.encoding = try d.requiredEnumeration(2, "encoding", ParquetEncoding.self)
        }
        self.init(type: try f.requiredEnumeration(1, "type", ParquetPageType.self),
                  uncompressedPageSize: try f.int32(2, "uncompressed_page_size"),
                  compressedPageSize: try f.int32(3, "compressed_page_size"),
                  dataPageHeader: data, dictionaryPageHeader: dictionary)
    }
}
