/*
 * sha1_avx2.c - 8-lane multi-buffer SHA-1 with AVX2 (for CPUs without
 * AVX-512). Lane scheduling: lanes.h; block gathering: mb_avx2.h.
 */
#include "mb_avx2.h"

#if defined(VHK_X86)

#define ADD(a, b) _mm256_add_epi32(a, b)
#define XOR(a, b) _mm256_xor_si256(a, b)
#define ROL(x, s) _mm256_or_si256(_mm256_slli_epi32(x, s), _mm256_srli_epi32(x, 32 - (s)))
#define CH(b, c, d) XOR(d, _mm256_and_si256(b, XOR(c, d)))
#define PAR(b, c, d) XOR(XOR(b, c), d)
#define MAJ(b, c, d) _mm256_or_si256(_mm256_and_si256(b, c), _mm256_and_si256(d, _mm256_or_si256(b, c)))

/* w[i] = rol(w[i-3] ^ w[i-8] ^ w[i-14] ^ w[i-16], 1) in a 16-entry ring */
#define SCHED(i) \
    (W[(i) & 15] = ROL(XOR(XOR(W[((i) - 3) & 15], W[((i) - 8) & 15]), XOR(W[((i) - 14) & 15], W[(i) & 15])), 1))
#define R(a, b, c, d, e, f, k, w)                                                     \
    do {                                                                              \
        e = ADD(ADD(ADD(e, ADD(w, _mm256_set1_epi32((int)(k)))), f(b, c, d)), ROL(a, 5)); \
        b = ROL(b, 30);                                                               \
    } while (0)
#define R5(i, f, k, WX)                       \
    R(a, b, c, d, e, f, k, WX(i));            \
    R(e, a, b, c, d, f, k, WX((i) + 1));      \
    R(d, e, a, b, c, f, k, WX((i) + 2));      \
    R(c, d, e, a, b, f, k, WX((i) + 3));      \
    R(b, c, d, e, a, f, k, WX((i) + 4))
#define WIN(i) W[i]
#define WSC(i) SCHED(i)

static inline __attribute__((always_inline)) VHK_TARGET_AVX2 void
sha1_compress8(__m256i st[5], __m256i W[16]) {
    __m256i a = st[0], b = st[1], c = st[2], d = st[3], e = st[4];
    R5(0, CH, 0x5a827999, WIN); R5(5, CH, 0x5a827999, WIN); R5(10, CH, 0x5a827999, WIN);
    R(a, b, c, d, e, CH, 0x5a827999, W[15]);
    R(e, a, b, c, d, CH, 0x5a827999, SCHED(16)); R(d, e, a, b, c, CH, 0x5a827999, SCHED(17));
    R(c, d, e, a, b, CH, 0x5a827999, SCHED(18)); R(b, c, d, e, a, CH, 0x5a827999, SCHED(19));
    R5(20, PAR, 0x6ed9eba1, WSC); R5(25, PAR, 0x6ed9eba1, WSC);
    R5(30, PAR, 0x6ed9eba1, WSC); R5(35, PAR, 0x6ed9eba1, WSC);
    R5(40, MAJ, 0x8f1bbcdc, WSC); R5(45, MAJ, 0x8f1bbcdc, WSC);
    R5(50, MAJ, 0x8f1bbcdc, WSC); R5(55, MAJ, 0x8f1bbcdc, WSC);
    R5(60, PAR, 0xca62c1d6, WSC); R5(65, PAR, 0xca62c1d6, WSC);
    R5(70, PAR, 0xca62c1d6, WSC); R5(75, PAR, 0xca62c1d6, WSC);
    st[0] = ADD(st[0], a); st[1] = ADD(st[1], b); st[2] = ADD(st[2], c);
    st[3] = ADD(st[3], d); st[4] = ADD(st[4], e);
}

VHK_TARGET_AVX2 void vhk_sha1_avx2(const uint8_t *bytes, const int64_t *offsets, size_t count,
                                   uint8_t *out) {
    vhk_lanes L;
    vhk_lanes_init(&L, 8, bytes, offsets, count);
    __m256i st[5];
    for (int w = 0; w < 5; w++) st[w] = _mm256_set1_epi32((int)vhk_sha1_iv[w]);
    while (L.nactive) {
        __m256i W[16];
        mb8_load_block(&L, W, 1);
        sha1_compress8(st, W);
        mb8_retire(&L, st, 5, 1, vhk_sha1_iv, out);
    }
}

#endif /* VHK_X86 */
