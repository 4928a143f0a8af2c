// FuzzReport.swift: `vaultsim bench render` on the fuzzer's bytes: ReportFolder.read of a
// results.json, then the whole report written (JSON, CSV, Markdown tables, SVG charts), where
// every number a file holds is formatted.
//
// Input: a results.json (seeds: reports `vaultsim bench` wrote, cut down to a few cells).
// Every thrown error is an expected outcome; a crash, trap or sanitizer report is a finding.

import FuzzSupport
import VaultReport

nonisolated(unsafe) var work = ""

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    work = Fuzz.workFolder("report")
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Fuzz.writeFile(work + "/results.json", Fuzz.bytes(data, size))
    guard let results = try? ReportFolder.read(work + "/results.json") else { return 0 }
    // As `bench render`: reports of another schema version are refused before rendering; render
    // them anyway, since nothing else stops a caller of the library from doing so.
    _ = try? ReportFolder.write(results, to: work + "/report")
    return 0
}

/// The program's entry point: SwiftPM names an executable's entry `FuzzReport_main` (and aliases
/// `main` to it), so the harness starts libFuzzer's driver itself.
@_cdecl("FuzzReport_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    Fuzz.runDriver(argc, argv) { data, size in fuzz(data!, size) }
}
