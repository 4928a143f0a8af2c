/*
 * sha1_avx512.c - 16-lane multi-buffer SHA-1 with AVX-512F/BW (one message
 * per 32-bit lane). Lane scheduling and padding: see mb_avx512.h.
 */
#include "mb_avx512.h"

#if defined(VHK_X86)

#define ADD(a, b) _mm512_add_epi32(a, b)
#define ROL(x, s) _mm512_rol_epi32(x, s)
#define K(c) _mm512_set1_epi32((int)(c))

/* Message schedule in a 16-entry ring: w[i] = rol(w[i-3]^w[i-8]^w[i-14]^w[i-16], 1). */
#define SCHED(i)                                                                                \
    (W[(i) & 15] = ROL(_mm512_xor_si512(_mm512_ternarylogic_epi32(W[((i) - 3) & 15],            \
                                                                  W[((i) - 8) & 15],             \
                                                                  W[((i) - 14) & 15], 0x96),     \
                                        W[(i) & 15]), 1))
/* One round with rotating register names: e += rol(a,5) + f(b,c,d) + k + w; b = rol(b,30).
 * f as vpternlogd table: Ch 0xCA, Parity 0x96, Maj 0xE8. */
#define R(a, b, c, d, e, imm, k, w)                                                             \
    do {                                                                                        \
        e = ADD(ADD(ADD(e, ADD(w, K(k))), _mm512_ternarylogic_epi32(b, c, d, imm)), ROL(a, 5));  \
        b = ROL(b, 30);                                                                         \
    } while (0)
#define R5(i, imm, k, wexpr)                      \
    R(a, b, c, d, e, imm, k, wexpr(i));           \
    R(e, a, b, c, d, imm, k, wexpr((i) + 1));     \
    R(d, e, a, b, c, imm, k, wexpr((i) + 2));     \
    R(c, d, e, a, b, imm, k, wexpr((i) + 3));     \
    R(b, c, d, e, a, imm, k, wexpr((i) + 4))
#define WIN(i) W[i]
#define WSC(i) SCHED(i)

static inline __attribute__((always_inline)) VHK_TARGET_AVX512 void
sha1_compress16(__m512i st[5], __m512i W[16]) {
    __m512i a = st[0], b = st[1], c = st[2], d = st[3], e = st[4];
    R5(0, 0xCA, 0x5a827999, WIN); R5(5, 0xCA, 0x5a827999, WIN); R5(10, 0xCA, 0x5a827999, WIN);
    R(a, b, c, d, e, 0xCA, 0x5a827999, W[15]);
    R(e, a, b, c, d, 0xCA, 0x5a827999, SCHED(16)); R(d, e, a, b, c, 0xCA, 0x5a827999, SCHED(17));
    R(c, d, e, a, b, 0xCA, 0x5a827999, SCHED(18)); R(b, c, d, e, a, 0xCA, 0x5a827999, SCHED(19));
    R5(20, 0x96, 0x6ed9eba1, WSC); R5(25, 0x96, 0x6ed9eba1, WSC);
    R5(30, 0x96, 0x6ed9eba1, WSC); R5(35, 0x96, 0x6ed9eba1, WSC);
    R5(40, 0xE8, 0x8f1bbcdc, WSC); R5(45, 0xE8, 0x8f1bbcdc, WSC);
    R5(50, 0xE8, 0x8f1bbcdc, WSC); R5(55, 0xE8, 0x8f1bbcdc, WSC);
    R5(60, 0x96, 0xca62c1d6, WSC); R5(65, 0x96, 0xca62c1d6, WSC);
    R5(70, 0x96, 0xca62c1d6, WSC); R5(75, 0x96, 0xca62c1d6, WSC);
    st[0] = ADD(st[0], a); st[1] = ADD(st[1], b); st[2] = ADD(st[2], c);
    st[3] = ADD(st[3], d); st[4] = ADD(st[4], e);
}

VHK_TARGET_AVX512 void vhk_sha1_avx512(const uint8_t *bytes, const int64_t *offsets, size_t count,
                                       uint8_t *out) {
    vhk_mb16 s;
    mb16_init(&s, bytes, offsets, count);
    __m512i st[5];
    for (int w = 0; w < 5; w++) st[w] = _mm512_set1_epi32((int)vhk_sha1_iv[w]);
    while (s.active) {
        __m512i W[16];
        mb16_load_block(&s, W, 1);
        sha1_compress16(st, W);
        __mmask16 done = mb16_advance(&s);
        if (!done) continue;
        if (done == 0xFFFF && s.seq)
            mb16_store_all(&s, st, 5, 1, out);
        else
            mb16_store_digests(&s, st, 5, 1, done, out);
        __mmask16 fresh = mb16_refill(&s, done);
        for (int w = 0; w < 5; w++)
            st[w] = _mm512_mask_mov_epi32(st[w], fresh, _mm512_set1_epi32((int)vhk_sha1_iv[w]));
    }
}

#endif /* VHK_X86 */
