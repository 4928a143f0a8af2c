/*
 * VaultHashKernels.h - public API of the batch hash kernels (MD5, SHA-1,
 * SHA-256) used to hash Data Vault business keys.
 *
 * A batch uses the Arrow string layout: one contiguous byte buffer and
 * `count + 1` int64 offsets; message i is bytes[offsets[i] ..< offsets[i+1]].
 * Digests are written contiguously, digest i at out + i * vhk_digest_length(alg).
 * The functions are thread-safe and never allocate.
 */
#ifndef VAULT_HASH_KERNELS_H
#define VAULT_HASH_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Supported hash algorithms.
typedef enum { VHK_MD5 = 0, VHK_SHA1 = 1, VHK_SHA256 = 2 } vhk_algorithm;

/// Kernel implementations. VHK_IMPL_AUTO picks the fastest one available.
typedef enum {
    VHK_IMPL_AUTO = 0,   ///< fastest available for the algorithm (see vhk_selected_impl)
    VHK_IMPL_SCALAR = 1, ///< portable C, one message at a time; always available
    VHK_IMPL_AVX2 = 2,   ///< 8-lane multi-buffer AVX2 (MD5, SHA-1, SHA-256)
    VHK_IMPL_AVX512 = 3, ///< 16-lane multi-buffer AVX-512F/BW (MD5, SHA-1, SHA-256)
    VHK_IMPL_SHANI = 4   ///< Intel SHA extensions, several messages interleaved (SHA-1, SHA-256)
} vhk_impl;

/// Digest length in bytes: 16 (MD5), 20 (SHA-1), 32 (SHA-256); 0 for an unknown algorithm.
size_t vhk_digest_length(vhk_algorithm alg);

/// Hashes `count` messages; message i is bytes[offsets[i] ..< offsets[i+1]];
/// digest i goes to out + i * vhk_digest_length(alg).
/// Offsets must be non-decreasing. `bytes` may be NULL when all messages are empty.
/// impl = VHK_IMPL_AUTO picks the fastest available. Returns 0, or -1 if `impl`
/// is not available on this CPU or not implemented for `alg` (nothing is written then).
int vhk_hash_batch(vhk_algorithm alg, vhk_impl impl, const uint8_t *bytes,
                   const int64_t *offsets, size_t count, uint8_t *out);

/// The implementation VHK_IMPL_AUTO uses for `alg` on this CPU.
vhk_impl vhk_selected_impl(vhk_algorithm alg);

/// 1 when `impl` can run `alg` on this CPU (VHK_IMPL_AUTO: always 1 for a valid alg), else 0.
int vhk_impl_available(vhk_algorithm alg, vhk_impl impl);

/// "scalar", "avx2", "avx512", "sha-ni", "auto" ("unknown" for other values).
const char *vhk_impl_name(vhk_impl impl);

/// Hex-encodes n bytes to 2n ASCII chars (uppercase when upper != 0). SIMD where available.
/// No terminating NUL is written.
void vhk_hex_encode(const uint8_t *in, size_t n, uint8_t *out, int upper);

/// Hex-encodes `count` digests of `width` bytes each, contiguous in and out
/// (out gets count*width*2 bytes).
void vhk_hex_encode_fixed(const uint8_t *in, size_t width, size_t count, uint8_t *out, int upper);

/// XXH3-128 (seed 0) of each message, 16 bytes each in canonical (big-endian) order, written to
/// out + i * 16. Uses libxxhash's header compiled inline (libxxhash-dev).
void vhk_xxh3_128_batch(const uint8_t *bytes, const int64_t *offsets, size_t count, uint8_t *out);

#ifdef __cplusplus
}
#endif

#endif /* VAULT_HASH_KERNELS_H */
