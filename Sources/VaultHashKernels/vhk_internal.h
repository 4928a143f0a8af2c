/*
 * vhk_internal.h - private declarations shared by the kernel files:
 * kernel prototypes, target-attribute macros, byte-order helpers and the
 * scalar Merkle-Damgard padding helper used by scalar and SHA-NI kernels.
 */
#ifndef VHK_INTERNAL_H
#define VHK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Every kernel has the batch signature of vhk_hash_batch minus alg/impl. */
typedef void (*vhk_kernel_fn)(const uint8_t *bytes, const int64_t *offsets,
                              size_t count, uint8_t *out);

void vhk_md5_scalar(const uint8_t *, const int64_t *, size_t, uint8_t *);
void vhk_sha1_scalar(const uint8_t *, const int64_t *, size_t, uint8_t *);
void vhk_sha256_scalar(const uint8_t *, const int64_t *, size_t, uint8_t *);

#include "vhk_constants.h"

#if defined(__x86_64__)
#define VHK_X86 1
#define VHK_TARGET_AVX512 __attribute__((target("avx512f,avx512bw")))
#define VHK_TARGET_AVX2 __attribute__((target("avx2")))
#define VHK_TARGET_SHANI __attribute__((target("sha,sse4.1,ssse3")))
void vhk_md5_avx512(const uint8_t *, const int64_t *, size_t, uint8_t *);
void vhk_sha1_avx512(const uint8_t *, const int64_t *, size_t, uint8_t *);
void vhk_sha256_avx512(const uint8_t *, const int64_t *, size_t, uint8_t *);
void vhk_md5_avx2(const uint8_t *, const int64_t *, size_t, uint8_t *);
void vhk_sha1_avx2(const uint8_t *, const int64_t *, size_t, uint8_t *);
void vhk_sha256_avx2(const uint8_t *, const int64_t *, size_t, uint8_t *);
void vhk_sha1_shani(const uint8_t *, const int64_t *, size_t, uint8_t *);
void vhk_sha256_shani(const uint8_t *, const int64_t *, size_t, uint8_t *);
#endif

#define VHK_INLINE static inline __attribute__((always_inline))

VHK_INLINE uint32_t vhk_load_le32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
VHK_INLINE uint32_t vhk_load_be32(const uint8_t *p) {
    return (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
}
VHK_INLINE void vhk_store_le32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
VHK_INLINE void vhk_store_be32(uint8_t *p, uint32_t v) {
    p[3] = (uint8_t)v; p[2] = (uint8_t)(v >> 8); p[1] = (uint8_t)(v >> 16); p[0] = (uint8_t)(v >> 24);
}

/* Number of 64-byte blocks of a padded message of `len` bytes: the message,
 * one 0x80 byte, zeros, and the 8-byte bit length must fit. */
VHK_INLINE uint64_t vhk_block_count(uint64_t len) { return (len + 8) / 64 + 1; }

/*
 * Returns a pointer to block `blk` (0-based) of the padded message msg[0..len).
 * A block lying fully inside the message is returned in place; otherwise it is
 * built in `buf`: the message tail, the 0x80 byte (only in the block where the
 * message ends, i.e. blk*64 <= len < blk*64+64), zeros, and in the last block
 * the bit length (little-endian for MD5, big-endian for SHA when `be`).
 * Note a message with len % 64 in 56..63 puts 0x80 in one block and the length
 * in an extra block.
 */
VHK_INLINE const uint8_t *vhk_padded_block(const uint8_t *msg, uint64_t len, uint64_t blk,
                                           uint8_t buf[64], int be) {
    uint64_t off = blk * 64;
    if (off + 64 <= len) return msg + off;
    uint64_t rem = len > off ? len - off : 0;
    memset(buf, 0, 64);
    if (rem) memcpy(buf, msg + off, rem);
    if (off <= len) buf[rem] = 0x80;
    if (blk + 1 == vhk_block_count(len)) {
        uint64_t bits = len * 8;
        for (int i = 0; i < 8; i++)
            buf[be ? 63 - i : 56 + i] = (uint8_t)(bits >> (8 * i));
    }
    return buf;
}

#endif /* VHK_INTERNAL_H */
