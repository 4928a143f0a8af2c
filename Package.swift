// swift-tools-version:6.1
// vaultsim: a Data Vault 2.0 warehouse simulated in memory, in columns, and measured.
//
// Modules (one concern each; see README "Architecture"):
//   CZstd, CXXHash, COpenSSL  system-library shims (apt: libzstd-dev, libxxhash-dev, libssl-dev)
//   CVaultPages               C: page mappings for large column buffers (mmap, mremap, munmap)
//   VaultHashKernels          C: multi-buffer SIMD MD5 / SHA-1 / SHA-256 with runtime CPU dispatch
//   VaultChecksum             XXH64 checksums and the XXH3 reference (the one caller of libxxhash)
//   VaultRuntime              running jobs on cores (the one parallel-jobs helper), result slots, the mutex
//   VaultFiles                the file-output layer: output paths, locks, atomic publish of folders, one error type
//   VaultColumnar             aligned buffers, validity bitmaps, columns, tables
//   VaultHashing              algorithms, profiles, standardisation, batch hashing into columns
//   VaultGenerator            deterministic retail source batches
//   VaultModel                staging, hubs, links, satellites, business vault (PITs, bridge), audits, batch log
//   VaultQuery                the analytics queries over a loaded vault
//   VaultSnapshot             zstd column files
//   VaultExport               CSV files and folders, the export file-system boundary
//   VaultParquet              Parquet writer and reader (Thrift compact footer, PLAIN/dictionary pages, zstd)
//   VaultStudy                hash-key collision study: birthday bound and measured collisions
//   VaultFixtures             DDL per SQL dialect, the dbt project for dbt-duckdb
//   VaultInspect              reading vault tables for people: aligned/CSV/JSON/Markdown grids, key lookup, history
//   VaultTeach                the `explain` walkthrough: a tiny dataset loaded step by step, explained from the tables
//   VaultModelFile            model files: a Data Vault declared in YAML, read, validated, planned (bundles retail and teaching)
//   VaultReport               benchmark results: JSON, CSV, Markdown and SVG charts
//   vaultsim                  the command-line tool
//
// Compile-time switch: define VAULTSIM_EXPENSIVE_CHECKS (swift build -Xswiftc -DVAULTSIM_EXPENSIVE_CHECKS)
// to run O(n) invariant checks after every table mutation.
import PackageDescription

let package = Package(
    name: "vaultsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vaultsim", targets: ["vaultsim"]),
        .library(name: "VaultRuntime", targets: ["VaultRuntime"]),
        .library(name: "VaultFiles", targets: ["VaultFiles"]),
        .library(name: "VaultColumnar", targets: ["VaultColumnar"]),
        .library(name: "VaultSnapshot", targets: ["VaultSnapshot"]),
        .library(name: "VaultGenerator", targets: ["VaultGenerator"]),
        .library(name: "VaultExport", targets: ["VaultExport"]),
        .library(name: "VaultHashing", targets: ["VaultHashing"]),
        .library(name: "VaultModel", targets: ["VaultModel"]),
        .library(name: "VaultQuery", targets: ["VaultQuery"]),
        .library(name: "VaultStudy", targets: ["VaultStudy"]),
        .library(name: "VaultInspect", targets: ["VaultInspect"]),
        .library(name: "VaultParquet", targets: ["VaultParquet"]),
        .library(name: "VaultFixtures", targets: ["VaultFixtures"]),
        .library(name: "VaultTeach", targets: ["VaultTeach"]),
        .library(name: "VaultModelFile", targets: ["VaultModelFile"]),
        .library(name: "VaultReport", targets: ["VaultReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CXXHash", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "VaultHashKernels"),
        .target(name: "CVaultPages"),
        .target(name: "VaultRuntime"),
        .target(name: "VaultFiles", dependencies: ["VaultRuntime"]),
        .target(name: "VaultColumnar", dependencies: ["CVaultPages"]),
        .target(name: "VaultSnapshot", dependencies: ["VaultRuntime", "VaultFiles", "VaultColumnar", "VaultChecksum", "CZstd"]),
        .target(name: "VaultGenerator", dependencies: ["VaultRuntime", "VaultColumnar"]),
        .target(name: "VaultExport", dependencies: ["VaultFiles", "VaultColumnar", "VaultChecksum"]),
        .target(name: "VaultParquet", dependencies: ["VaultRuntime", "VaultFiles", "VaultColumnar", "VaultExport", "VaultSnapshot"]),
        .target(name: "VaultChecksum", dependencies: ["CXXHash"]),
        .target(name: "VaultHashing", dependencies: ["VaultRuntime", "VaultColumnar", "VaultHashKernels", "VaultChecksum", "COpenSSL"]),
        .target(name: "VaultModel", dependencies: ["VaultRuntime", "VaultColumnar", "VaultHashing"]),
        .target(name: "VaultQuery", dependencies: ["VaultColumnar", "VaultModel"]),
        .target(name: "VaultStudy", dependencies: ["VaultRuntime", "VaultColumnar", "VaultHashing", "VaultGenerator"]),
        .target(name: "VaultInspect", dependencies: ["VaultColumnar", "VaultHashing", "VaultGenerator", "VaultModel", "VaultExport"]),
        .target(name: "VaultFixtures", dependencies: ["VaultFiles", "VaultColumnar", "VaultHashing", "VaultModel", "VaultExport"]),
        .target(name: "VaultTeach", dependencies: ["VaultColumnar", "VaultHashing", "VaultGenerator", "VaultModel", "VaultQuery", "VaultInspect"]),
        .target(name: "VaultReport", dependencies: ["VaultFiles"]),
        .target(name: "VaultModelFile",
                dependencies: ["VaultColumnar", "VaultHashing", "VaultModel", .product(name: "Yams", package: "Yams")],
                resources: [.embedInCode("Models/retail.yaml"), .embedInCode("Models/teaching.yaml")]),
        
        .executableTarget(
            name: "vaultsim",
            dependencies: [
                "VaultFiles", "VaultColumnar", "VaultHashing",
                "VaultGenerator", "VaultExport", "VaultModel", "VaultQuery", "VaultSnapshot", "VaultStudy", "VaultInspect", "VaultParquet", "VaultFixtures", "VaultTeach", "VaultReport", "VaultModelFile",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "VaultTestSupport", path: "Tests/VaultTestSupport"),
        .testTarget(name: "VaultFilesTests", dependencies: ["VaultFiles"]),
        .testTarget(name: "VaultColumnarTests", dependencies: ["VaultColumnar", "VaultTestSupport"]),
        .testTarget(name: "VaultSnapshotTests", dependencies: ["VaultSnapshot", "VaultChecksum", "VaultTestSupport"]),
        .testTarget(name: "VaultGeneratorTests", dependencies: ["VaultGenerator", "VaultExport", "VaultModel", "VaultSnapshot", "VaultTestSupport"]),
        .testTarget(name: "VaultExportTests", dependencies: ["VaultExport", "VaultChecksum", "VaultTestSupport"]),
        .testTarget(name: "VaultParquetTests", dependencies: ["VaultParquet", "VaultColumnar", "VaultExport", "VaultTestSupport"]),
        .testTarget(name: "VaultChecksumTests", dependencies: ["VaultChecksum"]),
        .testTarget(name: "VaultHashingTests", dependencies: ["VaultHashing", "VaultChecksum", "VaultTestSupport"]),
        .testTarget(name: "VaultStudyTests", dependencies: ["VaultStudy", "VaultGenerator", "VaultHashing", "VaultTestSupport"]),
        .testTarget(name: "VaultInspectTests", dependencies: ["VaultInspect", "VaultModel", "VaultGenerator", "VaultTestSupport"]),
        .testTarget(name: "VaultFixturesTests", dependencies: ["VaultFixtures", "VaultModel", "VaultHashing", "VaultColumnar", "VaultGenerator", "VaultExport"]),
        .testTarget(name: "VaultReportTests", dependencies: ["VaultReport"]),
        .testTarget(name: "VaultModelTests", dependencies: ["VaultModel", "VaultRuntime", "VaultGenerator", "VaultSnapshot", "VaultTestSupport"]),
        .testTarget(name: "VaultTeachTests", dependencies: ["VaultTeach", "VaultInspect", "VaultModel", "VaultQuery", "VaultHashing", "VaultColumnar"]),
        .testTarget(name: "VaultQueryTests", dependencies: ["VaultQuery", "VaultModel", "VaultGenerator", "VaultTestSupport"]),
        .testTarget(name: "VaultModelFileTests",
                    dependencies: ["VaultModelFile", "VaultModel", "VaultGenerator", "VaultColumnar", "VaultHashing", "VaultTeach"]),
    ]
)
