// FuzzSnapshot.swift: SnapshotReader (verify, info, restore, and a save that reads a previous
// snapshot) on a snapshot folder with one file replaced by the fuzzer's bytes.
//
// Template: the tables of the snapshot named by VAULTSIM_FUZZ_SNAPSHOT (`vaultsim snapshot save`),
//           one table per combination of column type, nullability, dictionary and encoding, and
//           the types sample (every column type), saved once by SnapshotWriter with 64 rows per
//           chunk so that columns span several chunks.
// Input:    byte 0  which file: 0 manifest.json, k > 0 the k-th column file in manifest order
//                   (modulo the number of files + 1)
//           byte 1  mode bits:
//                   0x01 fix checksums: for a column file, every chunk's stored XXH64 and the
//                        footer XXH64 in the trailer are recomputed, and the manifest takes the
//                        file's size and footer checksum; for the manifest, manifest.xxh64 is
//                        rewritten. Without it the checksum chain itself is under test.
//                   0x02 keep every table in the manifest (otherwise only the column's table)
//                   0x04 restore on 2 threads (otherwise 1)
//                   0x08 also save the template's tables with the fuzzed folder as `previous`
//           rest    the file's new content
// Every thrown error is an expected outcome; a crash, trap or sanitizer report is a finding.

import Foundation
import FuzzSupport
import VaultColumnar
import VaultExport
@testable import VaultSnapshot

/// Rows per chunk of the template: small, so that the template's columns have several chunks.
let rowsPerChunk = 64

/// The template snapshot and the work folder the inputs are written into.
final class SnapshotTemplate: @unchecked Sendable {
    let folder: String
    let output: String
    /// The manifest as parsed JSON.
    let manifest: [String: Any]
    /// The template's bytes of every file, by path relative to the folder.
    let files: [String: [UInt8]]
    /// Column files in manifest order: path, table index, column index.
    let columns: [(path: String, table: Int, column: Int)]
    /// The template's tables, by name (for saves against a fuzzed previous snapshot).
    let tables: [String: Table]
    let metadata: SnapshotMetadata
    /// Files changed by the last input, written back before the next.
    var dirty: Set<String> = []
    /// manifest.json for column k (and whether it lists every table) with two placeholders
    /// (file size, footer checksum) between its three parts.
    private var manifestParts: [Int: [[UInt8]]] = [:]
    static let sizePlaceholder = 987_654_321_987_654
    static let checksumPlaceholder = "fuzz-footer-checksum-placeholder"

    init(_ source: String) {
        let work = Fuzz.workFolder("snapshot")
        folder = work + "/snap"
        output = work + "/out"
        // The real snapshot's tables, one per kind of column file, and the types sample.
        guard let real = try? SnapshotReader.restore(from: source, threads: 1),
              let realManifest = try? JSONSerialization.jsonObject(with: Data(Fuzz.readFile(source + "/manifest.json"))) as? [String: Any],
              let realTables = realManifest["tables"] as? [[String: Any]] else {
            Fuzz.fail("\(source) is not a snapshot that restores")
        }
        var seen = Set<String>(), chosen: [Table] = []
        for (entry, table) in zip(realTables, real.tables) {
            var added = false
            for column in entry["columns"] as? [[String: Any]] ?? [] {
                let encodings = (column["encodings"] as? [String: Any] ?? [:]).keys.sorted().joined(separator: "+")
                let kind = "\(column["type"] ?? "")/\(column["nullable"] ?? "")/\(column["dictionaryEncoded"] ?? "")/\(encodings)"
                if seen.insert(kind).inserted { added = true }
            }
            if added { chosen.append(table) }
        }
        chosen.append(TypesSample.table(rows: 200))
        do {
            try SnapshotWriter.save(tables: chosen, metadata: real.metadata, to: folder, level: 3, threads: 1,
                                    previous: nil, rowsPerChunk: rowsPerChunk, stop: nil)
        } catch {
            Fuzz.fail("cannot save the template snapshot: \(error)")
        }
        var files: [String: [UInt8]] = [:]
        for path in Fuzz.filesUnder(folder) { files[path] = Fuzz.readFile(folder + "/" + path) }
        self.files = files
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(files["manifest.json"]!)) as? [String: Any],
              let tableList = parsed["tables"] as? [[String: Any]] else { Fuzz.fail("the template's manifest.json does not parse") }
        manifest = parsed
        var columns: [(String, Int, Int)] = []
        for (t, table) in tableList.enumerated() {
            for (c, column) in (table["columns"] as? [[String: Any]] ?? []).enumerated() {
                guard let file = column["file"] as? String, files[file] != nil else { Fuzz.fail("manifest names a missing file") }
                columns.append((file, t, c))
            }
        }
        self.columns = columns
        tables = Dictionary(chosen.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        metadata = real.metadata
    }

    /// Writes the template's bytes back over every file the last input changed.
    func reset() {
        for path in dirty { Fuzz.writeFile(folder + "/" + path, files[path]!) }
        dirty = []
    }

    func write(_ path: String, _ bytes: [UInt8]) {
        Fuzz.writeFile(folder + "/" + path, bytes)
        dirty.insert(path)
    }

    /// Writes manifest.json for column `k` with its file's `size` and footer checksum (the
    /// template's when nil), listing only the column's table unless `allTables`, and its
    /// manifest.xxh64.
    func writeManifest(forColumn k: Int, size: Int, footerChecksum: String?, allTables: Bool) {
        let key = k * 2 + (allTables ? 1 : 0)
        if manifestParts[key] == nil {
            let (_, t, c) = columns[k]
            var tables = manifest["tables"] as! [[String: Any]]
            var columnList = tables[t]["columns"] as! [[String: Any]]
            columnList[c]["fileSize"] = Self.sizePlaceholder
            columnList[c]["footerChecksum"] = Self.checksumPlaceholder
            tables[t]["columns"] = columnList
            var object = manifest
            object["tables"] = allTables ? tables : [tables[t]]
            guard let json = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]) else {
                Fuzz.fail("cannot encode a manifest")
            }
            let text = String(decoding: json, as: UTF8.self)
            let parts = text.components(separatedBy: String(Self.sizePlaceholder))
            guard parts.count == 2 else { Fuzz.fail("manifest placeholder for the size not found once") }
            let rest = parts[1].components(separatedBy: "\"" + Self.checksumPlaceholder + "\"")
            guard rest.count == 2 else { Fuzz.fail("manifest placeholder for the checksum not found once") }
            manifestParts[key] = [Array(parts[0].utf8), Array(rest[0].utf8), Array(rest[1].utf8)]
        }
        let parts = manifestParts[key]!
        let original = (manifest["tables"] as! [[String: Any]])[columns[k].table]["columns"] as! [[String: Any]]
        let checksum = footerChecksum ?? (original[columns[k].column]["footerChecksum"] as? String ?? "")
        let bytes = parts[0] + Array(String(size).utf8) + parts[1] + Array(("\"" + checksum + "\"").utf8) + parts[2]
        write("manifest.json", bytes)
        write("manifest.xxh64", Array((Fuzz.hex(Fuzz.xxh64(bytes[...])) + "\n").utf8))
    }
}

/// Column-file surgery on the format of docs/SNAPSHOT-FORMAT.md: 16-byte header, chunks, footer
/// (48 bytes + 64 per chunk), 40-byte trailer.
enum ColumnBytes {
    static let header = 16, footerFixed = 48, entry = 64, trailer = 40

    /// The footer's position and length when the trailer describes a well-formed footer.
    static func footer(_ bytes: [UInt8]) -> (offset: Int, length: Int)? {
        guard bytes.count >= header + footerFixed + trailer else { return nil }
        let t = bytes.count - trailer
        let offset = Fuzz.u64(bytes, t), length = Fuzz.u64(bytes, t + 8)
        guard offset >= UInt64(header), offset <= UInt64(t), length == UInt64(t) - offset,
              length >= UInt64(footerFixed), (length - UInt64(footerFixed)) % UInt64(entry) == 0 else { return nil }
        return (Int(offset), Int(length))
    }

    /// Recomputes every chunk's stored XXH64 whose range lies inside the chunk area, then the
    /// footer's XXH64 in the trailer; returns the trailer's footer checksum as hex.
    static func fixChecksums(_ bytes: inout [UInt8]) -> String? {
        guard let (f, length) = footer(bytes) else { return nil }
        for i in 0..<(length - footerFixed) / entry {
            let e = f + footerFixed + i * entry
            let offset = Fuzz.u64(bytes, e + 16), stored = Fuzz.u64(bytes, e + 24)
            guard offset >= UInt64(header), offset <= UInt64(f), stored <= UInt64(f) - offset else { continue }
            Fuzz.setU64(&bytes, e + 40, Fuzz.xxh64(bytes[Int(offset)..<Int(offset + stored)]))
        }
        let t = bytes.count - trailer
        Fuzz.setU64(&bytes, t + 16, Fuzz.xxh64(bytes[f..<t]))
        return Fuzz.hex(Fuzz.u64(bytes, t + 16))
    }

    /// The same column file with every compressed chunk stored raw (its payload, flag cleared),
    /// offsets and checksums rewritten; nil when nothing was compressed or the file is malformed.
    /// Raw payloads let the fuzzer mutate the encodings themselves rather than zstd frames.
    static func decompressed(_ bytes: [UInt8]) -> [UInt8]? {
        guard let (f, length) = footer(bytes) else { return nil }
        var chunks: [UInt8] = Array(bytes[0..<header])
        var footerBytes = Array(bytes[f..<f + length])
        var changed = false
        for i in 0..<(length - footerFixed) / entry {
            let e = footerFixed + i * entry
            let flags = footerBytes[e + 2]
            let offset = Int(Fuzz.u64(footerBytes, e + 16)), stored = Int(Fuzz.u64(footerBytes, e + 24))
            let payloadLength = Int(Fuzz.u64(footerBytes, e + 32))
            guard offset + stored <= f else { return nil }
            var payload = Array(bytes[offset..<offset + stored])
            if flags & 1 != 0 {
                guard let raw = Fuzz.zstdDecompress(bytes[offset..<offset + stored], size: payloadLength) else { return nil }
                payload = raw
                footerBytes[e + 2] = flags & ~1
                changed = true
            }
            Fuzz.setU64(&footerBytes, e + 16, UInt64(chunks.count))
            Fuzz.setU64(&footerBytes, e + 24, UInt64(payload.count))
            Fuzz.setU64(&footerBytes, e + 40, Fuzz.xxh64(payload[...]))
            chunks += payload
        }
        guard changed else { return nil }
        let footerOffset = chunks.count
        var result = chunks + footerBytes + Array(bytes[(bytes.count - trailer)...])
        let t = result.count - trailer
        Fuzz.setU64(&result, t, UInt64(footerOffset))
        Fuzz.setU64(&result, t + 16, Fuzz.xxh64(result[footerOffset..<t]))
        return result
    }
}

nonisolated(unsafe) var template: SnapshotTemplate!

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    template = SnapshotTemplate(Fuzz.required("VAULTSIM_FUZZ_SNAPSHOT", "a snapshot folder (vaultsim snapshot save)"))
    Fuzz.writeSeedsIfRequested {
        var seeds: [[UInt8]] = [[0, 0x01] + template.files["manifest.json"]!,
                                [0, 0x0f] + template.files["manifest.json"]!]
        for (k, column) in template.columns.enumerated() {
            let selector = UInt8(truncatingIfNeeded: k + 1)
            guard Int(selector) == k + 1 else { break }
            let original = template.files[column.path]!
            seeds.append([selector, 0x01] + original)
            if let raw = ColumnBytes.decompressed(original) { seeds.append([selector, 0x01] + raw) }
            if k % 8 == 0 { seeds.append([selector, 0x0d] + original) }
        }
        return seeds
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let input = Fuzz.bytes(data, size)
    let mode = input[1]
    var body = Array(input[2...])
    let fix = mode & 0x01 != 0, allTables = mode & 0x02 != 0
    template.reset()
    let target = Int(input[0]) % (template.columns.count + 1)
    var savedTables: [Table] = []
    if target == 0 {
        template.write("manifest.json", body)
        if fix { template.write("manifest.xxh64", Array((Fuzz.hex(Fuzz.xxh64(body[...])) + "\n").utf8)) }
        savedTables = Array(template.tables.values).sorted { $0.name < $1.name }
    } else {
        let k = target - 1
        let checksum = fix ? ColumnBytes.fixChecksums(&body) : nil
        template.write(template.columns[k].path, body)
        template.writeManifest(forColumn: k, size: body.count, footerChecksum: checksum, allTables: allTables)
        let tableName = (template.manifest["tables"] as! [[String: Any]])[template.columns[k].table]["name"] as! String
        savedTables = template.tables[tableName].map { [$0] } ?? []
    }
    _ = try? SnapshotReader.verify(template.folder)
    _ = try? SnapshotReader.info(template.folder)
    _ = try? SnapshotReader.restore(from: template.folder, threads: mode & 0x04 != 0 ? 2 : 1)
    if mode & 0x08 != 0 {
        _ = try? SnapshotWriter.save(tables: savedTables, metadata: template.metadata, to: template.output, level: 1,
                                     threads: 1, previous: template.folder, rowsPerChunk: rowsPerChunk, stop: nil)
    }
    return 0
}

/// The program's entry point: SwiftPM names an executable's entry `FuzzSnapshot_main` (and aliases
/// `main` to it), so the harness starts libFuzzer's driver itself.
@_cdecl("FuzzSnapshot_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    Fuzz.runDriver(argc, argv) { data, size in fuzz(data!, size) }
}
