// OpenSSLDigest.swift: the only Swift file that calls OpenSSL's libcrypto.

internal import COpenSSL

/// OpenSSL's one-message-at-a-time digests: the reference in tests and the baseline in benchmarks.
///
/// Uses one fetched `EVP_MD` and one reused `EVP_MD_CTX` per call of `hashEach`, the fastest way to
/// drive OpenSSL 3 for many short messages.
public enum OpenSSLDigest {
    /// Hashes each message with OpenSSL into `out`; false when OpenSSL has no such digest.
    @discardableResult
    public static func hashEach(_ algorithm: HashAlgorithm, bytes: UnsafeRawPointer?, offsets: UnsafePointer<Int64>,
                                count: Int, out: UnsafeMutableRawPointer) -> Bool {
        let name: String
        switch algorithm {
        case .md5: name = "MD5"
        case .sha1: name = "SHA1"
        case .sha256: name = "SHA256"
        case .xxh3: return false
        }
        guard let md = EVP_MD_fetch(nil, name, nil), let context = EVP_MD_CTX_new() else { return false }
        defer {
            EVP_MD_CTX_free(context)
            EVP_MD_free(md)
        }
        var length: UInt32 = 0
        for i in 0..<count {
            let start = Int(offsets[i]), size = Int(offsets[i + 1] - offsets[i])
            guard EVP_DigestInit_ex(context, md, nil) == 1,
                  EVP_DigestUpdate(context, bytes.map { $0 + start }, size) == 1,
                  EVP_DigestFinal_ex(context, (out + i * algorithm.digestLength).assumingMemoryBound(to: UInt8.self), &length) == 1
            else { return false }
        }
        return true
    }

    /// The digest of one message (for tests).
    public static func digest(_ algorithm: HashAlgorithm, of message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: algorithm.digestLength)
        let offsets: [Int64] = [0, Int64(message.count)]
        message.withUnsafeBytes { m in
            out.withUnsafeMutableBytes { o in
                offsets.withUnsafeBufferPointer { _ = hashEach(algorithm, bytes: m.baseAddress, offsets: $0.baseAddress!, count: 1, out: o.baseAddress!) }
            }
        }
        return out
    }
}
