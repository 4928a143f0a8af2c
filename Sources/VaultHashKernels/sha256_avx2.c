/*
 * sha256_avx2.c - 8-lane multi-buffer SHA-256 with AVX2 (for CPUs without
 * AVX-512). Lane scheduling: lanes.h; block gathering: mb_avx2.h.
 */
#include "mb_avx2.h"

#if defined(VHK_X86)

#define ADD(a, b) _mm256_add_epi32(a, b)
#define XOR(a, b) _mm256_xor_si256(a, b)
#define ROR(x, s) _mm256_or_si256(_mm256_srli_epi32(x, s), _mm256_slli_epi32(x, 32 - (s)))
#define CH(e, f, g) XOR(g, _mm256_and_si256(e, XOR(f, g)))
#define MAJ(a, b, c) _mm256_or_si256(_mm256_and_si256(a, b), _mm256_and_si256(c, _mm256_or_si256(a, b)))
#define S0(a) XOR(XOR(ROR(a, 2), ROR(a, 13)), ROR(a, 22))
#define S1(e) XOR(XOR(ROR(e, 6), ROR(e, 11)), ROR(e, 25))
#define s0(x) XOR(XOR(ROR(x, 7), ROR(x, 18)), _mm256_srli_epi32(x, 3))
#define s1(x) XOR(XOR(ROR(x, 17), ROR(x, 19)), _mm256_srli_epi32(x, 10))

/* w[i] += s0(w[i-15]) + w[i-7] + s1(w[i-2]) in a 16-entry ring */
#define SCHED(i) \
    (W[(i) & 15] = ADD(ADD(W[(i) & 15], W[((i) - 7) & 15]), ADD(s0(W[((i) - 15) & 15]), s1(W[((i) - 2) & 15]))))
#define R(a, b, c, d, e, f, g, h, i, w)                                                           \
    do {                                                                                          \
        __m256i t1 = ADD(ADD(ADD(h, ADD(w, _mm256_set1_epi32((int)vhk_sha256_k[i]))), CH(e, f, g)), S1(e)); \
        d = ADD(d, t1);                                                                           \
        h = ADD(t1, ADD(S0(a), MAJ(a, b, c)));                                                    \
    } while (0)
#define R8(i, WX)                                    \
    R(a, b, c, d, e, f, g, h, (i), WX(i));           \
    R(h, a, b, c, d, e, f, g, (i) + 1, WX((i) + 1)); \
    R(g, h, a, b, c, d, e, f, (i) + 2, WX((i) + 2)); \
    R(f, g, h, a, b, c, d, e, (i) + 3, WX((i) + 3)); \
    R(e, f, g, h, a, b, c, d, (i) + 4, WX((i) + 4)); \
    R(d, e, f, g, h, a, b, c, (i) + 5, WX((i) + 5)); \
    R(c, d, e, f, g, h, a, b, (i) + 6, WX((i) + 6)); \
    R(b, c, d, e, f, g, h, a, (i) + 7, WX((i) + 7))
#define WIN(i) W[i]
#define WSC(i) SCHED(i)

static inline __attribute__((always_inline)) VHK_TARGET_AVX2 void
sha256_compress8(__m256i st[8], __m256i W[16]) {
    __m256i a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6], h = st[7];
    R8(0, WIN); R8(8, WIN);
    R8(16, WSC); R8(24, WSC); R8(32, WSC); R8(40, WSC); R8(48, WSC); R8(56, WSC);
    st[0] = ADD(st[0], a); st[1] = ADD(st[1], b); st[2] = ADD(st[2], c); st[3] = ADD(st[3], d);
    st[4] = ADD(st[4], e); st[5] = ADD(st[5], f); st[6] = ADD(st[6], g); st[7] = ADD(st[7], h);
}

VHK_TARGET_AVX2 void vhk_sha256_avx2(const uint8_t *bytes, const int64_t *offsets, size_t count,
                                     uint8_t *out) {
    vhk_lanes L;
    vhk_lanes_init(&L, 8, bytes, offsets, count);
    __m256i st[8];
    for (int w = 0; w < 8; w++) st[w] = _mm256_set1_epi32((int)vhk_sha256_iv[w]);
    while (L.nactive) {
        __m256i W[16];
        mb8_load_block(&L, W, 1);
        sha256_compress8(st, W);
        mb8_retire(&L, st, 8, 1, vhk_sha256_iv, out);
    }
}

#endif /* VHK_X86 */
