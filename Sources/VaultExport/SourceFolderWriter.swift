// SourceFolderWriter.swift: a folder of CSV batches plus a manifest describing them.

import VaultChecksum
import VaultColumnar
import VaultFiles

/// Writes a source feed as a folder of CSV files, one subfolder per batch, and a manifest:
///
/// ```
///  OUT/manifest.json              generator, options, and per batch and table: file, rows, bytes, xxh64
///  OUT/batch_000/customers.csv    batch 0 (the initial full extract)
///  OUT/batch_000/...
///  OUT/batch_001/customers.csv    batch 1 (new, changed and re-sent rows, that day's sales)
/// ```
///
/// Every file (the manifest too) is written under a temporary name and renamed when complete.
/// The manifest holds nothing that depends on the machine or the run (no times, no thread
/// count), so two runs with the same options give byte-identical folders.
public final class SourceFolderWriter {
    /// The output folder.
    public let root: String
    private let header: [(String, JSONValue)]
    private var batches: [JSONValue] = []
    private let writer: CSVWriter

    /// Creates `root` (and parents) if needed and checks that it is a writable folder.
    /// `header` are the manifest's leading fields (generator name, version, options).
    public init(root: String, header: [(String, JSONValue)], writer: CSVWriter = CSVWriter()) throws(ExportError) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.header = header
        self.writer = writer
        try FileSystem.makeFolders(self.root)
    }

    /// The folder name of batch `index` (`batch_000`).
    public static func folderName(batch index: Int) -> String {
        let digits = String(index)
        return "batch_" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// Writes one batch's tables as `batch_NNN/<table name>.csv`; returns what was written.
    @discardableResult
    public func write(batch index: Int, businessDate: Int, tables: [Table]) throws(ExportError) -> [(table: String, info: CSVFileInfo)] {
        let folder = Self.folderName(batch: index)
        try FileSystem.makeFolders(root + "/" + folder)
        var results: [(table: String, info: CSVFileInfo)] = []
        var entries: [JSONValue] = []
        for table in tables {
            let file = folder + "/" + table.name + ".csv"
            let info = try writer.write(table, toFile: root + "/" + file)
            results.append((table.name, info))
            entries.append(.object([
                ("name", .string(table.name)), ("file", .string(file)), ("rows", .int(info.rows)),
                ("bytes", .int(info.bytes)), ("xxh64", .string(XXH64.hex(info.xxh64))),
            ]))
        }
        var date = [UInt8]()
        ValueText.appendDate(days: businessDate, to: &date)
        batches.append(.object([
            ("index", .int(index)), ("business_date", .string(String(decoding: date, as: UTF8.self))),
            ("folder", .string(folder)), ("tables", .array(entries)),
        ]))
        return results
    }

    /// Writes `manifest.json` describing every batch written so far.
    public func finish() throws(ExportError) {
        let manifest = JSONValue.object(header + [
            ("format", .object([
                ("type", .string("csv")), ("rfc", .string("4180")), ("line_end", .string("LF")),
                ("header", .bool(true)), ("null", .string("empty unquoted field")),
                ("empty_string", .string("\"\"")), ("checksum", .string("xxh64 seed 0, lowercase hex")),
            ])),
            ("batches", .array(batches)),
        ])
        var text = manifest.rendered(indent: 0)
        text.append("\n")
        let path = root + "/manifest.json"
        let temporary = Temporaries.file(beside: path)
        let fd = try FileSystem.create(temporary)
        do {
            let written = text.withUTF8 { raw in
                Result { () throws(ExportError) in try FileSystem.write(fd, UnsafeRawBufferPointer(raw), path: temporary) }
            }
            try written.get()
            try FileSystem.close(fd, path: temporary)
            try FileSystem.rename(temporary, path)
        } catch {
            FileSystem.removeQuietly(temporary)
            throw error
        }
    }
}

/// A JSON value whose objects keep their key order (deterministic manifests).
public indirect enum JSONValue: Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    /// A number written as given (`100.00` keeps its scale); the text must be a JSON number.
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// Pretty-printed JSON, two spaces per level.
    public func rendered(indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent + 1), closing = String(repeating: "  ", count: indent)
        switch self {
        case .string(let s): return Self.quoted(s)
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? "\(d)" : "null"
        case .number(let text): return text
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n" + closing + "]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { pad + Self.quoted($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
                .joined(separator: ",\n") + "\n" + closing + "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
