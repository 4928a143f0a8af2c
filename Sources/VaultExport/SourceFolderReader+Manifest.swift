// SourceFolderReader+Manifest.swift: reading and checking the manifest.json of a source folder.

internal import Foundation
import VaultColumnar

/// The parts of `manifest.json` (as ``SourceFolderWriter`` writes it) the reader needs:
///
/// ```
///  { "tables":  [ { "name": "customers", "columns": [ { "name": "customer_id", "type": "string" }, ... ] }, ... ],
///    "batches": [ { "index": 0, "business_date": "2024-01-01", "folder": "batch_000",
///                   "tables": [ { "name": "customers", "file": "batch_000/customers.csv",
///                                 "rows": 1000, "bytes": 123456, "xxh64": "0123456789abcdef" }, ... ] }, ... ] }
/// ```
///
/// Other keys (generator, options, format) are ignored.
enum SourceManifest {
    static let file = "manifest.json"

    static func fail(_ message: String) -> CSVReadError {
        CSVReadError(.manifest, file: file, message: message)
    }

    /// The batches the manifest lists, in index order, after checking its tables against `tables`.
    static func batches(fromJSON bytes: [UInt8],
                        tables: [SourceTableSpec]) throws(CSVReadError) -> [SourceFolderReader.Entry] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw fail("is not valid JSON (\((error as NSError).localizedDescription))")
        }
        guard let root = parsed as? [String: Any] else { throw fail("is not a JSON object") }
        try checkTables(root["tables"], expected: tables)
        guard let batchList = root["batches"] as? [Any] else { throw fail("has no \"batches\" list") }
        var entries: [SourceFolderReader.Entry] = []
        for (position, item) in batchList.enumerated() {
            entries.append(try batch(item, position: position, tables: tables))
        }
        entries.sort { $0.index < $1.index }
        for (a, b) in zip(entries, entries.dropFirst()) where a.index == b.index {
            throw fail("lists batch \(a.index) twice")
        }
        return entries
    }

    /// Checks that `value` lists exactly the expected tables with the expected column names and types.
    private static func checkTables(_ value: Any?, expected: [SourceTableSpec]) throws(CSVReadError) {
        guard let list = value as? [Any] else { throw fail("has no \"tables\" list of tables and columns") }
        var described: [String: [(name: String, type: String)]] = [:]
        for item in list {
            guard let table = item as? [String: Any], let name = table["name"] as? String,
                  let columns = table["columns"] as? [Any] else {
                throw fail("\"tables\" holds an entry without a name and a columns list")
            }
            var fields: [(name: String, type: String)] = []
            for column in columns {
                guard let object = column as? [String: Any], let columnName = object["name"] as? String,
                      let type = object["type"] as? String else {
                    throw fail("table \(name): a column without a name and a type")
                }
                fields.append((columnName, type))
            }
            described[name] = fields
        }
        let expectedNames = Set(expected.map(\.name))
        if let extra = described.keys.sorted().first(where: { !expectedNames.contains($0) }) {
            throw fail("describes table \(extra), which is not a source table (expected: "
                       + expected.map(\.name).joined(separator: ", ") + ")")
        }
        for spec in expected {
            guard let fields = described[spec.name] else { throw fail("does not describe table \(spec.name)") }
            let names = fields.map(\.name)
            guard names == spec.schema.names else {
                throw fail("table \(spec.name): columns \(names.joined(separator: ",")), expected "
                           + spec.schema.names.joined(separator: ","))
            }
            for (field, described) in zip(spec.schema.fields, fields) {
                guard let type = ColumnType(parsing: described.type) else {
                    throw fail("table \(spec.name): column \(field.name) has unknown type \(described.type)")
                }
                guard type == field.type else {
                    throw fail("table \(spec.name): column \(field.name) is \(type), expected \(field.type)")
                }
            }
        }
    }

    /// One batch entry, with one file per expected table in the expected order.
    private static func batch(_ item: Any, position: Int,
                              tables: [SourceTableSpec]) throws(CSVReadError) -> SourceFolderReader.Entry {
        guard let object = item as? [String: Any], let index = object["index"] as? Int, index >= 0,
              let folder = object["folder"] as? String, let files = object["tables"] as? [Any] else {
            throw fail("batch entry \(position + 1) lacks an index, a folder or a tables list")
        }
        guard isInside(folder) else {
            throw fail("batch \(index): folder '\(folder)' is not a relative path inside the source folder")
        }
        guard index <= SourceFolderReader.maximumBatchIndex else {
            throw fail("batch entry \(position + 1): index \(index) is larger than \(SourceFolderReader.maximumBatchIndex)")
        }
        var businessDate: Int?
        if let text = object["business_date"] as? String {
            guard let date = CivilDate(iso: text) else {
                throw fail("batch \(index): business_date '\(text)' is not YYYY-MM-DD")
            }
            businessDate = date.daysSinceEpoch
        }
        var byName: [String: SourceFolderReader.File] = [:]
        for file in files {
            guard let entry = file as? [String: Any], let name = entry["name"] as? String,
                  let path = entry["file"] as? String else {
                throw fail("batch \(index): a file entry without a name and a file")
            }
            guard isInside(path) else {
                throw fail("batch \(index): table \(name): file '\(path)' is not a relative path inside the source folder")
            }
            var hash: UInt64?
            if let hex = entry["xxh64"] as? String {
                guard hex.count == 16, let value = UInt64(hex, radix: 16) else {
                    throw fail("batch \(index): table \(name): xxh64 '\(hex)' is not 16 hex digits")
                }
                hash = value
            }
            byName[name] = SourceFolderReader.File(table: name, path: path, rows: entry["rows"] as? Int,
                                                   bytes: entry["bytes"] as? Int, xxh64: hash)
        }
        var ordered: [SourceFolderReader.File] = []
        for spec in tables {
            guard let file = byName[spec.name] else { throw fail("batch \(index) does not list table \(spec.name)") }
            ordered.append(file)
        }
        return SourceFolderReader.Entry(index: index, folder: folder, businessDate: businessDate, files: ordered)
    }

    /// Whether a manifest path stays inside the source folder: relative, without `..` components.
    static func isInside(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..")
    }
}
