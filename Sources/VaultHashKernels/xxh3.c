/*
 * xxh3.c - XXH3-128 over a batch of messages, with libxxhash compiled inline
 * (XXH_INLINE_ALL) so the per-message call and its dispatch disappear.
 * Digests are written in xxHash's canonical form (big-endian high then low
 * 64 bits), which is what `xxh128sum` prints.
 */
#define XXH_INLINE_ALL
#include <xxhash.h>
#include "VaultHashKernels.h"

void vhk_xxh3_128_batch(const uint8_t *bytes, const int64_t *offsets, size_t count, uint8_t *out) {
    for (size_t i = 0; i < count; i++) {
        const int64_t start = offsets[i];
        const size_t length = (size_t)(offsets[i + 1] - start);
        XXH128_hash_t h = XXH3_128bits(bytes ? bytes + start : NULL, length);
        XXH128_canonicalFromHash((XXH128_canonical_t *)(out + i * 16), h);
    }
}
