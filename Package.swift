// swift-tools-version:6.1
// vaultsim: a Data Vault 2.0 warehouse simulated in memory, in columns, and measured.
//
// Modules (one concern each; see README "Architecture"):
//   CZstd, CXXHash, COpenSSL  system-library shims (apt: libzstd-dev, libxxhash-dev, libssl-dev)
//   VaultHashKernels          C: multi-buffer SIMD MD5 / SHA-1 / SHA-256 with runtime CPU dispatch
//   VaultChecksum             XXH64 checksums and the XXH3 reference (the one caller of libxxhash)
//   VaultColumnar             aligned buffers, validity bitmaps, columns, tables
//   VaultHashing              algorithms, profiles, standardisation, batch hashing into columns
//   VaultGenerator            deterministic retail source batches
//   VaultModel                staging, hubs, links, satellites, audits, batch log
//   VaultSnapshot             zstd column files
//   VaultExport               CSV (and later Parquet, DDL)
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
        .library(name: "VaultColumnar", targets: ["VaultColumnar"]),
        .library(name: "VaultSnapshot", targets: ["VaultSnapshot"]),
        .library(name: "VaultGenerator", targets: ["VaultGenerator"]),
        .library(name: "VaultExport", targets: ["VaultExport"]),
        .library(name: "VaultHashing", targets: ["VaultHashing"]),
        .library(name: "VaultModel", targets: ["VaultModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CXXHash", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "VaultHashKernels"),
        .target(name: "VaultColumnar"),
        .target(name: "VaultSnapshot", dependencies: ["VaultColumnar", "VaultChecksum", "CZstd"]),
        .target(name: "VaultGenerator", dependencies: ["VaultColumnar"]),
        .target(name: "VaultExport", dependencies: ["VaultColumnar", "VaultChecksum"]),
        .target(name: "VaultChecksum", dependencies: ["CXXHash"]),
        .target(name: "VaultHashing", dependencies: ["VaultColumnar", "VaultHashKernels", "VaultChecksum", "COpenSSL"]),
        .target(name: "VaultModel", dependencies: ["VaultColumnar", "VaultHashing"]),
        
        .executableTarget(
            name: "vaultsim",
            dependencies: [
                "VaultColumnar", "VaultHashing",
                "VaultGenerator", "VaultExport", "VaultModel", "VaultSnapshot",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "VaultTestSupport", path: "Tests/VaultTestSupport"),
        .testTarget(name: "VaultColumnarTests", dependencies: ["VaultColumnar", "VaultTestSupport"]),
        .testTarget(name: "VaultSnapshotTests", dependencies: ["VaultSnapshot", "VaultChecksum", "VaultTestSupport"]),
        .testTarget(name: "VaultGeneratorTests", dependencies: ["VaultGenerator", "VaultExport", "VaultModel", "VaultSnapshot", "VaultTestSupport"]),
        .testTarget(name: "VaultExportTests", dependencies: ["VaultExport", "VaultChecksum", "VaultTestSupport"]),
        .testTarget(name: "VaultChecksumTests", dependencies: ["VaultChecksum"]),
        .testTarget(name: "VaultHashingTests", dependencies: ["VaultHashing", "VaultChecksum", "VaultTestSupport"]),
        .testTarget(name: "VaultModelTests", dependencies: ["VaultModel", "VaultGenerator", "VaultSnapshot", "VaultTestSupport"]),
    ]
)
