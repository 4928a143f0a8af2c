// BenchKernelsCommand.swift: `vaultsim bench kernels`, every hash kernel against OpenSSL on random messages.

import ArgumentParser
import VaultHashing

struct BenchKernelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernels",
        abstract: "Check every hash kernel against OpenSSL (and XXH3 against libxxhash) on random messages.",
        discussion: "Lengths 0-300 in mixed-length batches; fails with the first message that differs.")

    @Option(help: "Messages per algorithm.") var messages: Int = 2_000_000
    @Option(help: "Random seed.") var seed: UInt64 = 1

    func validate() throws {
        guard (1...1_000_000_000).contains(messages) else { throw ValidationError("--messages must be between 1 and 1000000000.") }
    }

    func run() throws {
        let clock = ContinuousClock()
        var checked = 0
        let elapsed = try clock.measure {
            do { checked = try KernelVerification.run(messages: messages, seed: seed) } catch {
                throw CommandFailure("\(error)")
            }
        }
        let kernels = [HashAlgorithm.md5, .sha1, .sha256].map { a in
            "\(a.rawValue): " + HashKernels.Implementation.allCases.filter { $0 != .auto && HashKernels.isAvailable($0, for: a) }
                .map(\.rawValue).joined(separator: ",")
        }
        print("kernels OK: \(checked) random messages per algorithm, every kernel equal to the reference (\(kernels.joined(separator: "; ")); xxh3 inline) in \(elapsed)")
    }
}
