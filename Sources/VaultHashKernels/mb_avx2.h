/*
 * mb_avx2.h - 8-lane multi-buffer helpers shared by the AVX2 kernels:
 * gathering the current padded block of the 8 lanes of a vhk_lanes scheduler
 * (lanes.h) and transposing it so that W[w] holds word w of all lanes, and
 * storing finished lanes' digests.
 */
#ifndef VHK_MB_AVX2_H
#define VHK_MB_AVX2_H

#include "lanes.h"

#if defined(VHK_X86)
#include <immintrin.h>

#define MB8_INLINE static inline __attribute__((always_inline)) VHK_TARGET_AVX2

/* 8x8 transpose of 32-bit words: r[j] = row j in, r[w] = column w out. */
MB8_INLINE void mb8_transpose(__m256i r[8]) {
    __m256i t[8], u[8];
    for (int i = 0; i < 4; i++) { /* per 128-bit half: (a0 b0 a1 b1), (a2 b2 a3 b3) */
        t[2 * i] = _mm256_unpacklo_epi32(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm256_unpackhi_epi32(r[2 * i], r[2 * i + 1]);
    }
    for (int i = 0; i < 2; i++) { /* u[4i+m] half k = word 4k+m of rows 4i..4i+3 */
        u[4 * i + 0] = _mm256_unpacklo_epi64(t[4 * i], t[4 * i + 2]);
        u[4 * i + 1] = _mm256_unpackhi_epi64(t[4 * i], t[4 * i + 2]);
        u[4 * i + 2] = _mm256_unpacklo_epi64(t[4 * i + 1], t[4 * i + 3]);
        u[4 * i + 3] = _mm256_unpackhi_epi64(t[4 * i + 1], t[4 * i + 3]);
    }
    for (int m = 0; m < 4; m++) { /* join the rows 0-3 and 4-7 halves */
        r[m] = _mm256_permute2x128_si256(u[m], u[4 + m], 0x20);
        r[4 + m] = _mm256_permute2x128_si256(u[m], u[4 + m], 0x31);
    }
}

MB8_INLINE __m256i mb8_bswap_mask(void) {
    return _mm256_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL, 0x0c0d0e0f08090a0bULL,
                             0x0405060700010203ULL);
}

/* W[0..15] = current padded block of the 8 lanes, word-major (big-endian words when be). */
MB8_INLINE void mb8_load_block(vhk_lanes *L, __m256i W[16], int be) {
    __m256i lo[8], hi[8];
    for (int j = 0; j < 8; j++) {
        const uint8_t *p = vhk_lanes_block(L, j, be);
        lo[j] = _mm256_loadu_si256((const __m256i *)p);
        hi[j] = _mm256_loadu_si256((const __m256i *)(p + 32));
        if (be) {
            lo[j] = _mm256_shuffle_epi8(lo[j], mb8_bswap_mask());
            hi[j] = _mm256_shuffle_epi8(hi[j], mb8_bswap_mask());
        }
    }
    mb8_transpose(lo);
    mb8_transpose(hi);
    for (int w = 0; w < 8; w++) { W[w] = lo[w]; W[8 + w] = hi[w]; }
}

/* After a compression: stores the digests (nw words) of lanes that finished,
 * refills them, and resets their state to iv. */
MB8_INLINE void mb8_retire(vhk_lanes *L, __m256i *st, int nw, int be, const uint32_t *iv,
                           uint8_t *out) {
    uint32_t tmp[8][8];
    int stored = 0;
    for (int j = 0; j < 8; j++) {
        if (!vhk_lanes_advance(L, j)) continue;
        if (!stored) {
            for (int w = 0; w < nw; w++) _mm256_storeu_si256((__m256i *)tmp[w], st[w]);
            stored = 1;
        }
        uint8_t *dst = out + L->idx[j] * (size_t)(4 * nw);
        for (int w = 0; w < nw; w++) {
            if (be) vhk_store_be32(dst + 4 * w, tmp[w][j]);
            else vhk_store_le32(dst + 4 * w, tmp[w][j]);
        }
        if (vhk_lanes_fill(L, j)) {
            __m256i lane = _mm256_cmpeq_epi32(_mm256_set_epi32(7, 6, 5, 4, 3, 2, 1, 0), _mm256_set1_epi32(j));
            for (int w = 0; w < nw; w++)
                st[w] = _mm256_blendv_epi8(st[w], _mm256_set1_epi32((int)iv[w]), lane);
        }
    }
}

#endif /* VHK_X86 */
#endif /* VHK_MB_AVX2_H */
