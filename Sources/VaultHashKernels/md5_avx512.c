/*
 * md5_avx512.c - 16-lane multi-buffer MD5 with AVX-512F/BW (one message per
 * 32-bit lane). Lane scheduling and padding: see mb_avx512.h. Large batches
 * run two independent 16-lane groups interleaved (32 messages in flight):
 * one group alone is bound by the latency of MD5's serial step chain.
 */
#include "mb_avx512.h"

#if defined(VHK_X86)

/* One step of group G: a = b + rol(a + F(b,c,d) + W[k] + t, s). The critical
 * path runs through b (the previous step's result), so the sum x = a + W[k] + t
 * is formed one step ahead (xa, pinned by an empty asm so the compiler cannot
 * reassociate the constant add onto the critical path). Computing the next
 * step's x from d before F also frees d's register for vpternlogd's
 * destructive destination, avoiding a register copy on the chain.
 * F as vpternlogd truth tables over (b, c, d): F = b ? c : d (0xCA),
 * G = d ? b : c (0xE4), H = b^c^d (0x96), I = c ^ (b | ~d) (0x39). */
#define STEP(G, imm, a, b, c, d, s, xa, xd, kn, tn)                                             \
    do {                                                                                        \
        xd##G = _mm512_add_epi32(d##G, _mm512_add_epi32(W##G[kn], _mm512_set1_epi32((int)(tn)))); \
        __asm__("" : "+v"(xd##G));                                                              \
        a##G = _mm512_add_epi32(b##G, _mm512_rol_epi32(                                         \
                   _mm512_add_epi32(xa##G, _mm512_ternarylogic_epi32(b##G, c##G, d##G, imm)), s)); \
    } while (0)
#define LAST(G, imm, a, b, c, d, s, xa)                                                         \
    a##G = _mm512_add_epi32(b##G, _mm512_rol_epi32(                                             \
               _mm512_add_epi32(xa##G, _mm512_ternarylogic_epi32(b##G, c##G, d##G, imm)), s))
#define BEGIN(G)                                                                                \
    __m512i a##G = st##G[0], b##G = st##G[1], c##G = st##G[2], d##G = st##G[3], xb##G, xc##G, xd##G; \
    __m512i xa##G = _mm512_add_epi32(a##G, _mm512_add_epi32(W##G[0], _mm512_set1_epi32((int)0xd76aa478)))
#define END(G)                                                                                  \
    st##G[0] = _mm512_add_epi32(st##G[0], a##G); st##G[1] = _mm512_add_epi32(st##G[1], b##G);    \
    st##G[2] = _mm512_add_epi32(st##G[2], c##G); st##G[3] = _mm512_add_epi32(st##G[3], d##G)

/* Steps 0..62 as S(imm, a, b, c, d, shift, x of a, x of d, next k, next t); step 63 is LAST. */
#define MD5_STEPS(S) \
    S(0xCA, a, b, c, d, 7, xa, xd, 1, 0xe8c7b756) S(0xCA, d, a, b, c, 12, xd, xc, 2, 0x242070db) \
    S(0xCA, c, d, a, b, 17, xc, xb, 3, 0xc1bdceee) S(0xCA, b, c, d, a, 22, xb, xa, 4, 0xf57c0faf) \
    S(0xCA, a, b, c, d, 7, xa, xd, 5, 0x4787c62a) S(0xCA, d, a, b, c, 12, xd, xc, 6, 0xa8304613) \
    S(0xCA, c, d, a, b, 17, xc, xb, 7, 0xfd469501) S(0xCA, b, c, d, a, 22, xb, xa, 8, 0x698098d8) \
    S(0xCA, a, b, c, d, 7, xa, xd, 9, 0x8b44f7af) S(0xCA, d, a, b, c, 12, xd, xc, 10, 0xffff5bb1) \
    S(0xCA, c, d, a, b, 17, xc, xb, 11, 0x895cd7be) S(0xCA, b, c, d, a, 22, xb, xa, 12, 0x6b901122) \
    S(0xCA, a, b, c, d, 7, xa, xd, 13, 0xfd987193) S(0xCA, d, a, b, c, 12, xd, xc, 14, 0xa679438e) \
    S(0xCA, c, d, a, b, 17, xc, xb, 15, 0x49b40821) S(0xCA, b, c, d, a, 22, xb, xa, 1, 0xf61e2562) \
    S(0xE4, a, b, c, d, 5, xa, xd, 6, 0xc040b340) S(0xE4, d, a, b, c, 9, xd, xc, 11, 0x265e5a51) \
    S(0xE4, c, d, a, b, 14, xc, xb, 0, 0xe9b6c7aa) S(0xE4, b, c, d, a, 20, xb, xa, 5, 0xd62f105d) \
    S(0xE4, a, b, c, d, 5, xa, xd, 10, 0x02441453) S(0xE4, d, a, b, c, 9, xd, xc, 15, 0xd8a1e681) \
    S(0xE4, c, d, a, b, 14, xc, xb, 4, 0xe7d3fbc8) S(0xE4, b, c, d, a, 20, xb, xa, 9, 0x21e1cde6) \
    S(0xE4, a, b, c, d, 5, xa, xd, 14, 0xc33707d6) S(0xE4, d, a, b, c, 9, xd, xc, 3, 0xf4d50d87) \
    S(0xE4, c, d, a, b, 14, xc, xb, 8, 0x455a14ed) S(0xE4, b, c, d, a, 20, xb, xa, 13, 0xa9e3e905) \
    S(0xE4, a, b, c, d, 5, xa, xd, 2, 0xfcefa3f8) S(0xE4, d, a, b, c, 9, xd, xc, 7, 0x676f02d9) \
    S(0xE4, c, d, a, b, 14, xc, xb, 12, 0x8d2a4c8a) S(0xE4, b, c, d, a, 20, xb, xa, 5, 0xfffa3942) \
    S(0x96, a, b, c, d, 4, xa, xd, 8, 0x8771f681) S(0x96, d, a, b, c, 11, xd, xc, 11, 0x6d9d6122) \
    S(0x96, c, d, a, b, 16, xc, xb, 14, 0xfde5380c) S(0x96, b, c, d, a, 23, xb, xa, 1, 0xa4beea44) \
    S(0x96, a, b, c, d, 4, xa, xd, 4, 0x4bdecfa9) S(0x96, d, a, b, c, 11, xd, xc, 7, 0xf6bb4b60) \
    S(0x96, c, d, a, b, 16, xc, xb, 10, 0xbebfbc70) S(0x96, b, c, d, a, 23, xb, xa, 13, 0x289b7ec6) \
    S(0x96, a, b, c, d, 4, xa, xd, 0, 0xeaa127fa) S(0x96, d, a, b, c, 11, xd, xc, 3, 0xd4ef3085) \
    S(0x96, c, d, a, b, 16, xc, xb, 6, 0x04881d05) S(0x96, b, c, d, a, 23, xb, xa, 9, 0xd9d4d039) \
    S(0x96, a, b, c, d, 4, xa, xd, 12, 0xe6db99e5) S(0x96, d, a, b, c, 11, xd, xc, 15, 0x1fa27cf8) \
    S(0x96, c, d, a, b, 16, xc, xb, 2, 0xc4ac5665) S(0x96, b, c, d, a, 23, xb, xa, 0, 0xf4292244) \
    S(0x39, a, b, c, d, 6, xa, xd, 7, 0x432aff97) S(0x39, d, a, b, c, 10, xd, xc, 14, 0xab9423a7) \
    S(0x39, c, d, a, b, 15, xc, xb, 5, 0xfc93a039) S(0x39, b, c, d, a, 21, xb, xa, 12, 0x655b59c3) \
    S(0x39, a, b, c, d, 6, xa, xd, 3, 0x8f0ccc92) S(0x39, d, a, b, c, 10, xd, xc, 10, 0xffeff47d) \
    S(0x39, c, d, a, b, 15, xc, xb, 1, 0x85845dd1) S(0x39, b, c, d, a, 21, xb, xa, 8, 0x6fa87e4f) \
    S(0x39, a, b, c, d, 6, xa, xd, 15, 0xfe2ce6e0) S(0x39, d, a, b, c, 10, xd, xc, 6, 0xa3014314) \
    S(0x39, c, d, a, b, 15, xc, xb, 13, 0x4e0811a1) S(0x39, b, c, d, a, 21, xb, xa, 4, 0xf7537e82) \
    S(0x39, a, b, c, d, 6, xa, xd, 11, 0xbd3af235) S(0x39, d, a, b, c, 10, xd, xc, 2, 0x2ad7d2bb) \
    S(0x39, c, d, a, b, 15, xc, xb, 9, 0xeb86d391)

#define ONE(...) STEP(0, __VA_ARGS__);
#define TWO(...) STEP(0, __VA_ARGS__); STEP(1, __VA_ARGS__);

static inline __attribute__((always_inline)) VHK_TARGET_AVX512 void
md5_compress16(__m512i st0[4], const __m512i W0[16]) {
    BEGIN(0);
    MD5_STEPS(ONE)
    LAST(0, 0x39, b, c, d, a, 21, xb);
    END(0);
}

/* Two independent groups, steps interleaved so that each hides the other's latency. */
static inline __attribute__((always_inline)) VHK_TARGET_AVX512 void
md5_compress16x2(__m512i st0[4], const __m512i W0[16], __m512i st1[4], const __m512i W1[16]) {
    BEGIN(0);
    BEGIN(1);
    MD5_STEPS(TWO)
    LAST(0, 0x39, b, c, d, a, 21, xb);
    LAST(1, 0x39, b, c, d, a, 21, xb);
    END(0);
    END(1);
}


/* Stores the digests of finished lanes, refills them and resets their state. */
static inline __attribute__((always_inline)) VHK_TARGET_AVX512 void
md5_retire(vhk_mb16 *s, __m512i st[4], uint8_t *out) {
    __mmask16 done = mb16_advance(s);
    if (!done) return;
    if (done == 0xFFFF && s->seq)
        mb16_store_all(s, st, 4, 0, out);
    else
        mb16_store_digests(s, st, 4, 0, done, out);
    __mmask16 fresh = mb16_refill(s, done);
    for (int w = 0; w < 4; w++)
        st[w] = _mm512_mask_mov_epi32(st[w], fresh, _mm512_set1_epi32((int)vhk_md5_iv[w]));
}

VHK_TARGET_AVX512 void vhk_md5_avx512(const uint8_t *bytes, const int64_t *offsets, size_t count,
                                      uint8_t *out) {
    __m512i st0[4], st1[4], W0[16], W1[16];
    for (int w = 0; w < 4; w++) st0[w] = st1[w] = _mm512_set1_epi32((int)vhk_md5_iv[w]);
    vhk_mb16 s0, s1;
    if (count >= 64) {
        /* two schedulers over the two halves of the batch */
        size_t half = count / 2;
        mb16_init(&s0, bytes, offsets, half);
        mb16_init(&s1, bytes, offsets + half, count - half);
        uint8_t *out1 = out + 16 * half;
        while (s0.active | s1.active) {
            mb16_load_block(&s0, W0, 0);
            mb16_load_block(&s1, W1, 0);
            md5_compress16x2(st0, W0, st1, W1);
            md5_retire(&s0, st0, out);
            md5_retire(&s1, st1, out1);
        }
        return;
    }
    mb16_init(&s0, bytes, offsets, count);
    while (s0.active) {
        mb16_load_block(&s0, W0, 0);
        md5_compress16(st0, W0);
        md5_retire(&s0, st0, out);
    }
}

#endif /* VHK_X86 */
