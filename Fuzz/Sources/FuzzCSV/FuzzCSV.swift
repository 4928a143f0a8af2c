// FuzzCSV.swift: CSVReader on the fuzzer's bytes, against one of the retail source schemas or
// the types sample (every column type).
//
// Input: byte 0  which schema: 0-6 the retail source tables in SourceSchemas.tableNames order,
//                7 the types sample (modulo 8)
//        byte 1  mode bits:
//                0x01 reject malformed rows (at most 5) instead of stopping at the first
//                0x02 build every string column dictionary encoded (otherwise as generated)
//        rest    the CSV file
// Seeds (VAULTSIM_FUZZ_WRITE_SEEDS): the CSV files of VAULTSIM_FUZZ_SOURCES (a generated source
// folder) and VAULTSIM_FUZZ_TYPES_CSV (the types sample exported as CSV).
// Every thrown error is an expected outcome; a crash, trap or sanitizer report is a finding.

import FuzzSupport
import VaultColumnar
import VaultExport
import VaultGenerator

/// Name, schema and dictionary columns of every schema an input can pick.
let schemas: [(name: String, schema: Schema, dictionary: Set<String>)] =
    SourceSchemas.tableNames.indices.map {
        (SourceSchemas.tableNames[$0], SourceSchemas.all[$0], SourceSchemas.dictionaryColumns[$0])
    } + [(TypesSample.name, TypesSample.schema, Set(["category"]))]

/// Readers for every schema, as generated (index 0) and with every string column a dictionary (1).
let readers: [[CSVReader]] = schemas.map { entry in
    let strings = Set(entry.schema.fields.filter { $0.type == .string }.map(\.name))
    return [CSVReader(tableName: entry.name, schema: entry.schema, dictionaryEncoded: entry.dictionary),
            CSVReader(tableName: entry.name, schema: entry.schema, dictionaryEncoded: strings)]
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    Fuzz.writeSeedsIfRequested {
        var seeds: [[UInt8]] = []
        if let sources = Fuzz.environment("VAULTSIM_FUZZ_SOURCES") {
            for path in Fuzz.filesUnder(sources) where path.hasPrefix("batch_") && path.hasSuffix(".csv") {
                let table = String(path.split(separator: "/").last!.dropLast(4))
                guard let k = schemas.firstIndex(where: { $0.name == table }) else { continue }
                let bytes = Fuzz.readFile(sources + "/" + path)
                seeds.append([UInt8(k), 0x00] + bytes)
                seeds.append([UInt8(k), 0x03] + bytes)
            }
        }
        if let types = Fuzz.environment("VAULTSIM_FUZZ_TYPES_CSV") {
            // The first rows hold the edge values; 64 lines keep the seed small.
            let lines = Fuzz.readFile(types).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            let head = Array(lines.prefix(64).joined(separator: [UInt8(ascii: "\n")])) + [UInt8(ascii: "\n")]
            seeds.append([7, 0x00] + head)
            seeds.append([7, 0x01] + head)
            seeds.append([7, 0x02] + head)
        }
        guard !seeds.isEmpty else { Fuzz.fail("set VAULTSIM_FUZZ_SOURCES and/or VAULTSIM_FUZZ_TYPES_CSV to write seeds") }
        return seeds
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let reader = readers[Int(data[0]) % schemas.count][data[1] & 0x02 != 0 ? 1 : 0]
    let mode: CSVErrorMode = data[1] & 0x01 != 0 ? .reject(maxErrors: 5) : .stop
    _ = try? reader.read(UnsafeRawBufferPointer(start: data + 2, count: size - 2), file: "fuzz.csv", mode: mode)
    return 0
}

/// The program's entry point: SwiftPM names an executable's entry `FuzzCSV_main` (and aliases
/// `main` to it), so the harness starts libFuzzer's driver itself.
@_cdecl("FuzzCSV_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    Fuzz.runDriver(argc, argv) { data, size in fuzz(data!, size) }
}
