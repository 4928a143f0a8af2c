/*
 * sha256_shani.c - SHA-256 with the x86 SHA extensions (sha256rnds2,
 * sha256msg1/2). sha256rnds2 has a long latency, so two independent messages
 * are compressed interleaved (VHK_SHANI_WAYS lanes, see lanes.h) to keep the
 * SHA unit busy. State is kept in the ABEF/CDGH register layout the
 * instructions use.
 */
#include "lanes.h"

#if defined(VHK_X86)
#include <immintrin.h>

#ifndef VHK_SHANI_WAYS
#define VHK_SHANI_WAYS 2
#endif
#define N VHK_SHANI_WAYS

#define TGT static inline __attribute__((always_inline)) VHK_TARGET_SHANI

/* Four rounds for every lane: m = w[4g..4g+3] + k[4g..4g+3]; rnds2 does two
 * rounds with the low two words, then the high two words are moved down. */
#define ROUNDS4(g, M)                                                                  \
    for (int j = 0; j < N; j++) {                                                      \
        __m128i m_ = _mm_add_epi32(M[j], _mm_loadu_si128((const __m128i *)(k + 4 * (g)))); \
        s1[j] = _mm_sha256rnds2_epu32(s1[j], s0[j], m_);                               \
        s0[j] = _mm_sha256rnds2_epu32(s0[j], s1[j], _mm_shuffle_epi32(m_, 0x0E));      \
    }
/* Message schedule for words 4g..4g+3 (g >= 4), kept in a ring of 4 vectors:
 * w[4g..] = msg2(msg1(w[4g-16..], w[4g-12..]) + w[4g-7..4g-4], w[4g-4..]). */
#define SCHED(g)                                                                       \
    for (int j = 0; j < N; j++) {                                                      \
        __m128i t_ = _mm_alignr_epi8(m[j][((g) + 3) & 3], m[j][((g) + 2) & 3], 4);     \
        m[j][(g) & 3] = _mm_sha256msg2_epu32(                                          \
            _mm_add_epi32(_mm_sha256msg1_epu32(m[j][(g) & 3], m[j][((g) + 1) & 3]), t_), \
            m[j][((g) + 3) & 3]);                                                      \
    }

TGT void sha256_shani_compress(__m128i s0[N], __m128i s1[N], const uint8_t *const blk[N]) {
    const uint32_t *k = vhk_sha256_k;
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i m[N][4], a0[N], a1[N], cur[N];
    for (int j = 0; j < N; j++) {
        a0[j] = s0[j]; a1[j] = s1[j];
        for (int i = 0; i < 4; i++)
            m[j][i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blk[j] + 16 * i)), bswap);
    }
#define CUR(g) for (int j = 0; j < N; j++) cur[j] = m[j][(g) & 3];
    CUR(0) ROUNDS4(0, cur) CUR(1) ROUNDS4(1, cur) CUR(2) ROUNDS4(2, cur) CUR(3) ROUNDS4(3, cur)
    SCHED(4) CUR(4) ROUNDS4(4, cur) SCHED(5) CUR(5) ROUNDS4(5, cur)
    SCHED(6) CUR(6) ROUNDS4(6, cur) SCHED(7) CUR(7) ROUNDS4(7, cur)
    SCHED(8) CUR(8) ROUNDS4(8, cur) SCHED(9) CUR(9) ROUNDS4(9, cur)
    SCHED(10) CUR(10) ROUNDS4(10, cur) SCHED(11) CUR(11) ROUNDS4(11, cur)
    SCHED(12) CUR(12) ROUNDS4(12, cur) SCHED(13) CUR(13) ROUNDS4(13, cur)
    SCHED(14) CUR(14) ROUNDS4(14, cur) SCHED(15) CUR(15) ROUNDS4(15, cur)
#undef CUR
    for (int j = 0; j < N; j++) {
        s0[j] = _mm_add_epi32(s0[j], a0[j]);
        s1[j] = _mm_add_epi32(s1[j], a1[j]);
    }
}

/* IV in ABEF / CDGH layout (word 3 = A resp. C, ..., word 0 = F resp. H). */
TGT void sha256_shani_iv(__m128i *abef, __m128i *cdgh) {
    const uint32_t *h = vhk_sha256_iv;
    *abef = _mm_set_epi32((int)h[0], (int)h[1], (int)h[4], (int)h[5]);
    *cdgh = _mm_set_epi32((int)h[2], (int)h[3], (int)h[6], (int)h[7]);
}

/* Writes the big-endian digest from the ABEF / CDGH layout. */
TGT void sha256_shani_store(__m128i abef, __m128i cdgh, uint8_t *out) {
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    __m128i dcba = _mm_blend_epi16(feba, dchg, 0xF0);
    __m128i hgfe = _mm_alignr_epi8(dchg, feba, 8);
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    _mm_storeu_si128((__m128i *)out, _mm_shuffle_epi8(dcba, bswap));
    _mm_storeu_si128((__m128i *)(out + 16), _mm_shuffle_epi8(hgfe, bswap));
}

VHK_TARGET_SHANI void vhk_sha256_shani(const uint8_t *bytes, const int64_t *offsets, size_t count,
                                       uint8_t *out) {
    vhk_lanes L;
    vhk_lanes_init(&L, N, bytes, offsets, count);
    __m128i iv0, iv1, s0[N], s1[N];
    sha256_shani_iv(&iv0, &iv1);
    for (int j = 0; j < N; j++) { s0[j] = iv0; s1[j] = iv1; }
    while (L.nactive) {
        const uint8_t *blk[N];
        for (int j = 0; j < N; j++) blk[j] = vhk_lanes_block(&L, j, 1);
        sha256_shani_compress(s0, s1, blk);
        for (int j = 0; j < N; j++) {
            if (!vhk_lanes_advance(&L, j)) continue;
            sha256_shani_store(s0[j], s1[j], out + 32 * L.idx[j]);
            vhk_lanes_fill(&L, j);
            s0[j] = iv0; s1[j] = iv1;
        }
    }
}

#endif /* VHK_X86 */
