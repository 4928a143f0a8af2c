// FuzzParquet.swift: ParquetReader on the fuzzer's bytes: the footer, the schema, then every row
// group's pages into a table.
//
// Input: a whole Parquet file (seeds: files `vaultsim export --format parquet` wrote, with zstd
// pages and uncompressed ones).
// Every thrown error is an expected outcome; a crash, trap or sanitizer report is a finding.

import FuzzSupport
import VaultColumnar
import VaultParquet

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let reader = try? ParquetReader(bytes: Fuzz.bytes(data, size), name: "fuzz.parquet") else { return 0 }
    _ = try? reader.fields()
    _ = try? reader.table(named: "fuzz")
    return 0
}

/// The program's entry point: SwiftPM names an executable's entry `FuzzParquet_main` (and aliases
/// `main` to it), so the harness starts libFuzzer's driver itself.
@_cdecl("FuzzParquet_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    Fuzz.runDriver(argc, argv) { data, size in fuzz(data!, size) }
}
