// swift-tools-version:6.1
// vaultsim fuzzing: libFuzzer harnesses for every reader of outside bytes, a nested package so
// the root package does not build them.
//
// One executable per reader; each defines LLVMFuzzerTestOneInput and links libFuzzer's main:
//   FuzzSnapshot      SnapshotReader.verify / restore on a snapshot folder with one file replaced
//   FuzzSourceFolder  SourceFolderReader on a CSV source folder with one file replaced
//   FuzzCSV           CSVReader on bytes, against a retail source schema or the types sample
//   FuzzParquet       ParquetReader on bytes: footer, schema, every page
//   FuzzReport        ReportFolder.read of a results.json, then the report rendered
//
// Build and run them with scripts/fuzz (from the repository root), which builds with
//   swift build -c release --scratch-path ../.build-fuzz \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing
// and makes the seed corpora from real vaultsim outputs. SwiftPM links an executable's `main` to
// `<Target>_main`; each harness defines that symbol and starts libFuzzer's driver
// (LLVMFuzzerRunDriver) with its LLVMFuzzerTestOneInput. -enable-testing lets FuzzSnapshot save
// its template with small chunks (an internal SnapshotWriter entry point).
import PackageDescription

let harnesses: [(name: String, products: [String])] = [
    ("FuzzSnapshot", ["VaultSnapshot", "VaultColumnar", "VaultExport"]),
    ("FuzzSourceFolder", ["VaultExport", "VaultGenerator", "VaultColumnar"]),
    ("FuzzCSV", ["VaultExport", "VaultGenerator", "VaultColumnar"]),
    ("FuzzParquet", ["VaultParquet", "VaultColumnar"]),
    ("FuzzReport", ["VaultReport"]),
]

let package = Package(
    name: "vaultsim-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "vaultsim", path: "../"),
    ],
    targets: [
        // zstd and XXH64 for the harnesses' own use (rewriting chunks, fixing checksums).
        .systemLibrary(name: "FuzzC", path: "Sources/FuzzC"),
        .target(name: "FuzzSupport", dependencies: ["FuzzC"]),
    ] + harnesses.map { harness in
        .executableTarget(
            name: harness.name,
            dependencies: ["FuzzSupport"] + harness.products.map { .product(name: $0, package: "vaultsim") }
        )
    }
)
