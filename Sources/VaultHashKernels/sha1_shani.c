/*
 * sha1_shani.c - SHA-1 with the x86 SHA extensions (sha1rnds4, sha1nexte,
 * sha1msg1/2). Two independent messages are compressed interleaved
 * (VHK_SHANI_WAYS lanes, see lanes.h) to hide the instruction latencies.
 * Register layout: ABCD with A in the top dword, E in the top dword of its own
 * register (sha1nexte derives E for the next 4 rounds from the old A).
 */
#include "lanes.h"

#if defined(VHK_X86)
#include <immintrin.h>

#ifndef VHK_SHANI_WAYS
#define VHK_SHANI_WAYS 2
#endif
#define N VHK_SHANI_WAYS

#define TGT static inline __attribute__((always_inline)) VHK_TARGET_SHANI

/* Message words 4g..4g+3 (g >= 4) in a ring of 4 vectors:
 * x[g] = msg2(msg1(x[g-4], x[g-3]) ^ x[g-2], x[g-1]). */
#define SCHED(g)                                                                        \
    for (int j = 0; j < N; j++)                                                         \
        m[j][(g) & 3] = _mm_sha1msg2_epu32(                                             \
            _mm_xor_si128(_mm_sha1msg1_epu32(m[j][(g) & 3], m[j][((g) + 1) & 3]),       \
                          m[j][((g) + 2) & 3]),                                         \
            m[j][((g) + 3) & 3]);
/* Rounds 4g..4g+3 with function f (0..3): E for this group comes from the
 * A saved before the previous group (prev) plus the message words. */
#define ROUNDS4(g, f)                                                                   \
    for (int j = 0; j < N; j++) {                                                       \
        __m128i e_ = _mm_sha1nexte_epu32(prev[j], m[j][(g) & 3]);                       \
        prev[j] = abcd[j];                                                              \
        abcd[j] = _mm_sha1rnds4_epu32(abcd[j], e_, f);                                  \
    }

TGT void sha1_shani_compress(__m128i abcd[N], __m128i e[N], const uint8_t *const blk[N]) {
    const __m128i rev = _mm_set_epi64x(0x0001020304050607ULL, 0x08090a0b0c0d0e0fULL);
    __m128i m[N][4], prev[N], abcd0[N];
    for (int j = 0; j < N; j++) {
        abcd0[j] = abcd[j];
        for (int i = 0; i < 4; i++) /* word 0 of the group must land in the top dword */
            m[j][i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blk[j] + 16 * i)), rev);
        /* group 0: E is added directly */
        __m128i e_ = _mm_add_epi32(e[j], m[j][0]);
        prev[j] = abcd[j];
        abcd[j] = _mm_sha1rnds4_epu32(abcd[j], e_, 0);
    }
    ROUNDS4(1, 0) ROUNDS4(2, 0) ROUNDS4(3, 0)
    SCHED(4) ROUNDS4(4, 0)
    SCHED(5) ROUNDS4(5, 1) SCHED(6) ROUNDS4(6, 1) SCHED(7) ROUNDS4(7, 1)
    SCHED(8) ROUNDS4(8, 1) SCHED(9) ROUNDS4(9, 1)
    SCHED(10) ROUNDS4(10, 2) SCHED(11) ROUNDS4(11, 2) SCHED(12) ROUNDS4(12, 2)
    SCHED(13) ROUNDS4(13, 2) SCHED(14) ROUNDS4(14, 2)
    SCHED(15) ROUNDS4(15, 3) SCHED(16) ROUNDS4(16, 3) SCHED(17) ROUNDS4(17, 3)
    SCHED(18) ROUNDS4(18, 3) SCHED(19) ROUNDS4(19, 3)
    for (int j = 0; j < N; j++) {
        /* final E = rol(A before the last group, 30) + old E */
        e[j] = _mm_sha1nexte_epu32(prev[j], e[j]);
        abcd[j] = _mm_add_epi32(abcd[j], abcd0[j]);
    }
}

/* Digest: ABCD byte-reversed as a whole gives big-endian a, b, c, d. */
TGT void sha1_shani_store(__m128i abcd, __m128i e, uint8_t *out) {
    const __m128i rev = _mm_set_epi64x(0x0001020304050607ULL, 0x08090a0b0c0d0e0fULL);
    _mm_storeu_si128((__m128i *)out, _mm_shuffle_epi8(abcd, rev));
    vhk_store_be32(out + 16, (uint32_t)_mm_extract_epi32(e, 3));
}

VHK_TARGET_SHANI void vhk_sha1_shani(const uint8_t *bytes, const int64_t *offsets, size_t count,
                                     uint8_t *out) {
    vhk_lanes L;
    vhk_lanes_init(&L, N, bytes, offsets, count);
    /* SHA-NI keeps a in the highest lane and e apart. */
    const __m128i iv_abcd = _mm_set_epi32((int)vhk_sha1_iv[0], (int)vhk_sha1_iv[1], (int)vhk_sha1_iv[2], (int)vhk_sha1_iv[3]);
    const __m128i iv_e = _mm_set_epi32((int)vhk_sha1_iv[4], 0, 0, 0);
    __m128i abcd[N], e[N];
    for (int j = 0; j < N; j++) { abcd[j] = iv_abcd; e[j] = iv_e; }
    while (L.nactive) {
        const uint8_t *blk[N];
        for (int j = 0; j < N; j++) blk[j] = vhk_lanes_block(&L, j, 1);
        sha1_shani_compress(abcd, e, blk);
        for (int j = 0; j < N; j++) {
            if (!vhk_lanes_advance(&L, j)) continue;
            sha1_shani_store(abcd[j], e[j], out + 20 * L.idx[j]);
            vhk_lanes_fill(&L, j);
            abcd[j] = iv_abcd; e[j] = iv_e;
        }
    }
}

#endif /* VHK_X86 */
