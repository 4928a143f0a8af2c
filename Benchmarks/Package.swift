// swift-tools-version:6.1
// vaultsim benchmarks: a nested package so the root package does not depend on package-benchmark.
//
// Run from this folder: swift package benchmark --no-progress --filter 'generator.*'
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
    ]
)
