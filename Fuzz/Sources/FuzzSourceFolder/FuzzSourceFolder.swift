// FuzzSourceFolder.swift: SourceFolderReader (manifest.json and every CSV batch file) on a real
// source folder with one file replaced by the fuzzer's bytes, with the retail source tables.
//
// Template: the folder `vaultsim generate --out DIR` wrote, named by VAULTSIM_FUZZ_SOURCES.
// Input:    byte 0  which file: 0 manifest.json, k > 0 the k-th CSV file (sorted paths), modulo
//                   the number of files + 1
//           byte 1  mode bits:
//                   0x01 no manifest: the folder is read as user data (batch_NNN folders only)
//                   0x02 verify checksums against the manifest
//                   0x04 reject malformed rows (at most 3 over the folder) instead of stopping
//           rest    the file's new content
// Every thrown error is an expected outcome; a crash, trap or sanitizer report is a finding.

import FuzzSupport
import VaultColumnar
import VaultExport
import VaultGenerator

/// The seven retail source tables as `vaultsim load --from` expects them.
let retailSources: [SourceTableSpec] = SourceSchemas.tableNames.indices.map {
    SourceTableSpec(name: SourceSchemas.tableNames[$0], schema: SourceSchemas.all[$0],
                    dictionaryEncoded: SourceSchemas.dictionaryColumns[$0])
}

/// The template folder's files and the work copy inputs are written into.
final class SourceTemplate: @unchecked Sendable {
    let folder: String
    /// manifest.json first, then every CSV file, as paths relative to the folder.
    let paths: [String]
    let files: [String: [UInt8]]
    var dirty: Set<String> = []

    init(_ source: String) {
        guard Fuzz.isFile(source + "/manifest.json") else { Fuzz.fail("\(source) holds no manifest.json") }
        folder = Fuzz.workFolder("sources") + "/sources"
        let csv = Fuzz.filesUnder(source).filter { $0.hasPrefix("batch_") && $0.hasSuffix(".csv") }
        guard !csv.isEmpty else { Fuzz.fail("\(source) holds no batch_NNN/*.csv files") }
        paths = ["manifest.json"] + csv
        var files: [String: [UInt8]] = [:]
        for path in paths {
            files[path] = Fuzz.readFile(source + "/" + path)
            Fuzz.makeParentFolders(of: folder + "/" + path)
            Fuzz.writeFile(folder + "/" + path, files[path]!)
        }
        self.files = files
    }

    func reset() {
        for path in dirty {
            let full = folder + "/" + path
            if let bytes = files[path] { Fuzz.writeFile(full, bytes) } else { Fuzz.removeTree(full) }
        }
        dirty = []
    }

    func write(_ path: String, _ bytes: [UInt8]) {
        Fuzz.writeFile(folder + "/" + path, bytes)
        dirty.insert(path)
    }

    func remove(_ path: String) {
        Fuzz.removeTree(folder + "/" + path)
        dirty.insert(path)
    }
}

nonisolated(unsafe) var template: SourceTemplate!

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    template = SourceTemplate(Fuzz.required("VAULTSIM_FUZZ_SOURCES", "a source folder (vaultsim generate --out DIR)"))
    Fuzz.writeSeedsIfRequested {
        var seeds: [[UInt8]] = [[0, 0x00] + template.files["manifest.json"]!,
                                [0, 0x06] + template.files["manifest.json"]!]
        for (k, path) in template.paths.enumerated().dropFirst() where k < 256 {
            let bytes = template.files[path]!
            seeds.append([UInt8(k), 0x00] + bytes)
            seeds.append([UInt8(k), k % 2 == 0 ? 0x05 : 0x03] + bytes)
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
    template.reset()
    template.write(template.paths[Int(input[0]) % template.paths.count], Array(input[2...]))
    if mode & 0x01 != 0 { template.remove("manifest.json") }
    let options = SourceFolderReader.Options(verifyChecksums: mode & 0x02 != 0,
                                             errorMode: mode & 0x04 != 0 ? .reject(maxErrors: 3) : .stop)
    guard let reader = try? SourceFolderReader(root: template.folder, tables: retailSources, options: options) else { return 0 }
    for position in 0..<reader.batchCount {
        guard (try? reader.batch(position)) != nil else { break }
    }
    return 0
}

/// The program's entry point: SwiftPM names an executable's entry `FuzzSourceFolder_main` (and aliases
/// `main` to it), so the harness starts libFuzzer's driver itself.
@_cdecl("FuzzSourceFolder_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    Fuzz.runDriver(argc, argv) { data, size in fuzz(data!, size) }
}
