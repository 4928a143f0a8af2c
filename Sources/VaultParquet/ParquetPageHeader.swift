// ParquetPageHeader.swift: the header in front of every page.

/// `PageHeader` with a v1 data page or a dictionary page header.
///
/// ```
///  page:  PageHeader (Thrift compact) | body (compressed_page_size bytes)
///  v1 data page body (before compression):
///         [u32 LE length | RLE/bit-packed definition levels]   (OPTIONAL columns only)
///         values (PLAIN, or 1 byte bit width + RLE/bit-packed dictionary indices)
///  dictionary page body: the distinct values, PLAIN
/// ```
public struct ParquetPageHeader: Equatable, Sendable, ThriftEncodable {
    public var type: ParquetPageType
    public var uncompressedPageSize: Int32
    public var compressedPageSize: Int32
    public var dataPageHeader: ParquetDataPageHeader?
    public var dictionaryPageHeader: ParquetDictionaryPageHeader?

    public init(type: ParquetPageType, uncompressedPageSize: Int32, compressedPageSize: Int32,
                dataPageHeader: ParquetDataPageHeader? = nil, dictionaryPageHeader: ParquetDictionaryPageHeader? = nil) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.dataPageHeader = dataPageHeader
        self.dictionaryPageHeader = dictionaryPageHeader
    }

    public func encodeFields(to encoder: inout ThriftCompactEncoder) {
        encoder.field(1, i32: type.rawValue)
        encoder.field(2, i32: uncompressedPageSize)
        encoder.field(3, i32: compressedPageSize)
        if let dataPageHeader { encoder.field(5, struct: dataPageHeader) }
        if let dictionaryPageHeader { encoder.field(7, struct: dictionaryPageHeader) }
    }
}

/// `DataPageHeader` (v1).
public struct ParquetDataPageHeader: Equatable, Sendable, ThriftEncodable {
    /// Values in the page, NULLs included.
    public var numValues: Int32
    public var encoding: ParquetEncoding
    public var definitionLevelEncoding: ParquetEncoding = .rle
    public var repetitionLevelEncoding: ParquetEncoding = .rle

    public init(numValues: Int32, encoding: ParquetEncoding) {
        self.numValues = numValues
        self.encoding = encoding
    }

    public func encodeFields(to encoder: inout ThriftCompactEncoder) {
        encoder.field(1, i32: numValues)
        encoder.field(2, i32: encoding.rawValue)
        encoder.field(3, i32: definitionLevelEncoding.rawValue)
        encoder.field(4, i32: repetitionLevelEncoding.rawValue)
    }
}

/// `DictionaryPageHeader`.
public struct ParquetDictionaryPageHeader: Equatable, Sendable, ThriftEncodable {
    public var numValues: Int32
    public var encoding: ParquetEncoding = .plain

    public init(numValues: Int32) { self.numValues = numValues }

    public func encodeFields(to encoder: inout ThriftCompactEncoder) {
        encoder.field(1, i32: numValues)
        encoder.field(2, i32: encoding.rawValue)
    }
}
