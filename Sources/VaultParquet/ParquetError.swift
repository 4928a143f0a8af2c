// ParquetError.swift: what can go wrong writing or reading a Parquet file.

import VaultExport

/// A failure of the Parquet writer or reader; the message names the file, column, row or offset.
public enum ParquetError: Error, Equatable, CustomStringConvertible {
    /// A file operation failed (the path and the system's reason are in the wrapped error).
    case io(ExportError)
    /// A value cannot be stored in the column's Parquet type (names table, column and row).
    case unrepresentable(table: String, column: String, row: Int, reason: String)
    /// Bytes that should be Thrift compact protocol are not.
    case malformedThrift(offset: Int, reason: String)
    /// Thrift data decoded, but not into the Parquet struct expected (a field missing or mistyped).
    case malformedMetadata(String)
    /// A Parquet file is malformed or uses a feature this reader does not implement.
    case malformedFile(path: String, reason: String)
    /// zstd failed (function and libzstd's error name).
    case compression(String)

    public var description: String {
        switch self {
        case .io(let error): return error.description
        case .unrepresentable(let table, let column, let row, let reason):
            return "\(table).\(column) row \(row): \(reason)"
        case .malformedThrift(let offset, let reason): return "malformed Thrift data at offset \(offset): \(reason)"
        case .malformedMetadata(let reason): return "malformed Parquet metadata: \(reason)"
        case .malformedFile(let path, let reason): return "\(path): \(reason)"
        case .compression(let what): return "zstd: \(what)"
        }
    }
}
