// SnapshotFixtures.swift: seeded tables of every column type, and temporary folders.

import Foundation
import VaultColumnar
import VaultTestSupport
@testable import VaultSnapshot

enum SnapshotFixtures {
    static let metadata = SnapshotMetadata(
        vaultsimVersion: "0.1.0",
        generationOptions: [SnapshotOption("seed", "42"), SnapshotOption("scale", "0.01"), SnapshotOption("batches", "3")],
        loadOptions: [SnapshotOption("batch", "1"), SnapshotOption("parallel", "false")],
        hashStrategy: "md5-binary")

    static let allTypesSchema = Schema([
        Field("id", .int32, nullable: false),
        Field("amount", .int64),
        Field("price", .double),
        Field("total", .decimal(precision: 18, scale: 2)),
        Field("load_date", .date),
        Field("load_time", .time),
        Field("load_ts", .timestamp),
        Field("active", .bool),
        Field("note", .string),
        Field("channel", .string),
        Field("segment", .string),
        Field("hk", .fixedBinary(width: 16), nullable: false),
        Field("customer_hk", .fixedBinary(width: 16)),
        Field("sha1_hk", .fixedBinary(width: 20)),
        Field("sha256_hk", .fixedBinary(width: 32)),
    ])

    /// A table of every column type, `rows` rows starting at row `start`, NULLs every 7th row in
    /// nullable columns (when `nulls`). Rows depend only on their index and `seed`, so the rows of
    /// `allTypes(rows: a + b)` are those of `allTypes(rows: a)` then `allTypes(rows: b, start: a)`.
    static func allTypes(rows: Int, start: Int = 0, seed: UInt64 = 7, nulls: Bool = true,
                         name: String = "all_types") -> Table {
        var table = Table(name: name, schema: allTypesSchema, capacity: rows, dictionaryEncoded: ["segment"])
        let channels = ["RETAIL", "ONLINE", "PARTNER", "PHONE"]
        let segments = ["gold", "silver", "bronze", "", "platinum customers"]
        table.withColumns { columns in
            for i in start..<start + rows {
                var rng = RepeatableRandomNumberGenerator(seed: seed &+ UInt64(i) &* 0x9E37_79B9)
                let isNull = nulls && i % 7 == 3
                columns[0].append(Int32(i))
                if isNull { columns[1].appendNull() } else { columns[1].append(Int64(bitPattern: rng.next())) }
                if isNull { columns[2].appendNull() } else { columns[2].append(Double(rng.next() % 1_000_000) / 7) }
                if isNull { columns[3].appendNull() } else { columns[3].append(Int64(rng.next() % 10_000_000)) }
                columns[4].append(Int32(18_000 + i / 50 - (i % 97 == 0 ? 3 : 0)))
                if isNull { columns[5].appendNull() } else { columns[5].append(Int64(rng.next() % 86_400_000_000)) }
                columns[6].append(Int64(1_700_000_000_000_000 + i * 1_000_003))
                if isNull { columns[7].appendNull() } else { columns[7].append(bool: rng.next() & 1 == 1) }
                if isNull { columns[8].appendNull() } else {
                    let length = Int(rng.next() % 24)
                    columns[8].append(string: String((0..<length).map { _ in Character(UnicodeScalar(UInt8(97 + rng.next() % 26))) }))
                }
                if isNull { columns[9].appendNull() } else { columns[9].append(string: channels[Int(rng.next() % 4)]) }
                if isNull { columns[10].appendNull() } else { columns[10].append(string: segments[Int(rng.next() % 5)]) }
                rng.bytes(16).withUnsafeBytes { columns[11].append(binary: $0) }
                if isNull { columns[12].appendNull() } else {
                    var pool = RepeatableRandomNumberGenerator(seed: seed &+ 1_000 &+ rng.next() % 50)
                    pool.bytes(16).withUnsafeBytes { columns[12].append(binary: $0) }
                }
                rng.bytes(20).withUnsafeBytes { columns[13].append(binary: $0) }
                if isNull { columns[14].appendNull() } else { rng.bytes(32).withUnsafeBytes { columns[14].append(binary: $0) } }
            }
        }
        return table
    }

    /// Saves with small chunks (so small tables span several) and optional test stop point.
    @discardableResult
    static func save(_ tables: [Table], to directory: String, rowsPerChunk: Int = 64, level: Int = 3, threads: Int = 2,
                     previous: String? = nil, stop: SavePhase? = nil) throws -> SnapshotSaveReport {
        try SnapshotWriter.save(tables: tables, metadata: metadata, to: directory, level: level, threads: threads,
                                previous: previous, rowsPerChunk: rowsPerChunk, stop: stop)
    }

    /// A fresh empty folder under the temporary directory; remove it with `cleanUp`.
    static func temporaryFolder(_ label: String = #function) -> String {
        let clean = label.filter { $0.isLetter || $0.isNumber }
        let path = NSTemporaryDirectory() + "vaultsim-snapshot-\(clean)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func cleanUp(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// Every file of a snapshot folder, relative path to bytes.
    static func files(in folder: String) -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)!
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory)
            if !isDirectory.boolValue { result[relative] = [UInt8](FileManager.default.contents(atPath: folder + "/" + relative)!) }
        }
        return result
    }

    static func write(_ bytes: [UInt8], to path: String) {
        try! Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The first difference between two lists of tables, for readable failures.
    static func difference(_ a: [Table], _ b: [Table]) -> String? {
        guard a.count == b.count else { return "\(a.count) tables vs \(b.count)" }
        for (x, y) in zip(a, b) where x != y {
            guard x.name == y.name, x.schema == y.schema, x.count == y.count else { return "\(x.name): name, schema or count differ" }
            for (i, field) in x.schema.fields.enumerated() where x[column: i] != y[column: i] {
                let p = x[column: i], q = y[column: i]
                return "\(x.name).\(field.name): validity \(p.validity == q.validity) values \(p.values == q.values) bytes \(p.bytes == q.bytes) dictionary \(p.dictionary == q.dictionary)"
            }
        }
        return nil
    }
}
