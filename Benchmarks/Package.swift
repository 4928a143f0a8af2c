// swift-tools-version:6.1
// vaultsim benchmarks: a nested package so the root package does not depend on package-benchmark.
//
// Run from this folder: swift package benchmark --no-progress --filter 'generator.*'
// (suites: generator.*, hash.*, vault.*, snapshot.*)
// Names use dots (generator.batch0.scale1), never '/', so threshold files match.
import PackageDescription

let package = Package(
    name: "vaultsim-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(name: "vaultsim", path: "../"),
    ],
    targets: [
        .executableTarget(
            name: "GeneratorBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VaultGenerator", package: "vaultsim"),
                .product(name: "VaultColumnar", package: "vaultsim"),
                .product(name: "VaultExport", package: "vaultsim"),
            ],
            path: "Benchmarks/GeneratorBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "HashBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VaultHashing", package: "vaultsim"),
                .product(name: "VaultColumnar", package: "vaultsim"),
            ],
            path: "Benchmarks/HashBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "VaultBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "VaultGenerator", package: "vaultsim"),
                .product(name: "VaultColumnar", package: "vaultsim"),
                .product(name: "VaultHashing", package: "vaultsim"),
                .product(name: "VaultModel", package: "vaultsim"),
                .product(name: "VaultSnapshot", package: "vaultsim"),
            ],
            path: "Benchmarks/VaultBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
