/*
 * sha256_avx512.c - 16-lane multi-buffer SHA-256 with AVX-512F/BW (one
 * message per 32-bit lane). Lane scheduling and padding: see mb_avx512.h.
 */
#include "mb_avx512.h"

#if defined(VHK_X86)

#define ADD(a, b) _mm512_add_epi32(a, b)
#define ROR(x, s) _mm512_ror_epi32(x, s)
#define XOR3(a, b, c) _mm512_ternarylogic_epi32(a, b, c, 0x96)

/* w[i] += s0(w[i-15]) + w[i-7] + s1(w[i-2]) in a 16-entry ring (w[i] holds w[i-16]). */
#define SCHED(i)                                                                                 \
    (W[(i) & 15] = ADD(ADD(W[(i) & 15], W[((i) - 7) & 15]),                                      \
                       ADD(XOR3(ROR(W[((i) - 15) & 15], 7), ROR(W[((i) - 15) & 15], 18),          \
                                _mm512_srli_epi32(W[((i) - 15) & 15], 3)),                        \
                           XOR3(ROR(W[((i) - 2) & 15], 17), ROR(W[((i) - 2) & 15], 19),           \
                                _mm512_srli_epi32(W[((i) - 2) & 15], 10)))))
/* One round with rotating names: t1 = h + S1(e) + Ch(e,f,g) + k + w; d += t1;
 * h = t1 + S0(a) + Maj(a,b,c). Ch = 0xCA, Maj = 0xE8 as vpternlogd tables. */
#define R(a, b, c, d, e, f, g, h, i, w)                                                          \
    do {                                                                                         \
        __m512i t1 = ADD(ADD(ADD(h, ADD(w, _mm512_set1_epi32((int)vhk_sha256_k[i]))),      \
                             _mm512_ternarylogic_epi32(e, f, g, 0xCA)),                           \
                         XOR3(ROR(e, 6), ROR(e, 11), ROR(e, 25)));                                \
        d = ADD(d, t1);                                                                          \
        h = ADD(t1, ADD(XOR3(ROR(a, 2), ROR(a, 13), ROR(a, 22)),                                  \
                        _mm512_ternarylogic_epi32(a, b, c, 0xE8)));                               \
    } while (0)
#define R8(i, WX)                                   \
    R(a, b, c, d, e, f, g, h, (i), WX(i));          \
    R(h, a, b, c, d, e, f, g, (i) + 1, WX((i) + 1)); \
    R(g, h, a, b, c, d, e, f, (i) + 2, WX((i) + 2)); \
    R(f, g, h, a, b, c, d, e, (i) + 3, WX((i) + 3)); \
    R(e, f, g, h, a, b, c, d, (i) + 4, WX((i) + 4)); \
    R(d, e, f, g, h, a, b, c, (i) + 5, WX((i) + 5)); \
    R(c, d, e, f, g, h, a, b, (i) + 6, WX((i) + 6)); \
    R(b, c, d, e, f, g, h, a, (i) + 7, WX((i) + 7))
#define WIN(i) W[i]
#define WSC(i) SCHED(i)

static inline __attribute__((always_inline)) VHK_TARGET_AVX512 void
sha256_compress16(__m512i st[8], __m512i W[16]) {
    __m512i a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6], h = st[7];
    R8(0, WIN); R8(8, WIN);
    R8(16, WSC); R8(24, WSC); R8(32, WSC); R8(40, WSC); R8(48, WSC); R8(56, WSC);
    st[0] = ADD(st[0], a); st[1] = ADD(st[1], b); st[2] = ADD(st[2], c); st[3] = ADD(st[3], d);
    st[4] = ADD(st[4], e); st[5] = ADD(st[5], f); st[6] = ADD(st[6], g); st[7] = ADD(st[7], h);
}

VHK_TARGET_AVX512 void vhk_sha256_avx512(const uint8_t *bytes, const int64_t *offsets, size_t count,
                                         uint8_t *out) {
    vhk_mb16 s;
    mb16_init(&s, bytes, offsets, count);
    __m512i st[8];
    for (int w = 0; w < 8; w++) st[w] = _mm512_set1_epi32((int)vhk_sha256_iv[w]);
    while (s.active) {
        __m512i W[16];
        mb16_load_block(&s, W, 1);
        sha256_compress16(st, W);
        __mmask16 done = mb16_advance(&s);
        if (!done) continue;
        if (done == 0xFFFF && s.seq)
            mb16_store_all(&s, st, 8, 1, out);
        else
            mb16_store_digests(&s, st, 8, 1, done, out);
        __mmask16 fresh = mb16_refill(&s, done);
        for (int w = 0; w < 8; w++)
            st[w] = _mm512_mask_mov_epi32(st[w], fresh, _mm512_set1_epi32((int)vhk_sha256_iv[w]));
    }
}

#endif /* VHK_X86 */
