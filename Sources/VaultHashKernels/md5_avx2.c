/*
 * md5_avx2.c - 8-lane multi-buffer MD5 with AVX2 (for CPUs without AVX-512).
 * Lane scheduling: lanes.h; block gathering/transposition: mb_avx2.h.
 */
#include "mb_avx2.h"
#include "md5_steps.h"

#if defined(VHK_X86)

#define ADD(a, b) _mm256_add_epi32(a, b)
#define ROL(x, s) _mm256_or_si256(_mm256_slli_epi32(x, s), _mm256_srli_epi32(x, 32 - (s)))
#define F(b, c, d) _mm256_xor_si256(d, _mm256_and_si256(b, _mm256_xor_si256(c, d)))
#define G(b, c, d) _mm256_xor_si256(c, _mm256_and_si256(d, _mm256_xor_si256(b, c)))
#define H(b, c, d) _mm256_xor_si256(_mm256_xor_si256(b, c), d)
#define I(b, c, d) _mm256_xor_si256(c, _mm256_or_si256(b, _mm256_xor_si256(d, ones)))
/* a = b + rol(a + W[k] + t + f(b,c,d), s); the message/constant sum is formed first */
#define STEP(f, a, b, c, d, k, s, t) \
    a = ADD(b, ROL(ADD(ADD(a, ADD(W[k], _mm256_set1_epi32((int)(t)))), f(b, c, d)), s));

static inline __attribute__((always_inline)) VHK_TARGET_AVX2 void
md5_compress8(__m256i st[4], const __m256i W[16]) {
    const __m256i ones = _mm256_set1_epi32(-1);
    __m256i a = st[0], b = st[1], c = st[2], d = st[3];
    VHK_MD5_STEPS(STEP)
    st[0] = ADD(st[0], a); st[1] = ADD(st[1], b); st[2] = ADD(st[2], c); st[3] = ADD(st[3], d);
}

VHK_TARGET_AVX2 void vhk_md5_avx2(const uint8_t *bytes, const int64_t *offsets, size_t count,
                                  uint8_t *out) {
    vhk_lanes L;
    vhk_lanes_init(&L, 8, bytes, offsets, count);
    __m256i st[4];
    for (int w = 0; w < 4; w++) st[w] = _mm256_set1_epi32((int)vhk_md5_iv[w]);
    while (L.nactive) {
        __m256i W[16];
        mb8_load_block(&L, W, 0);
        md5_compress8(st, W);
        mb8_retire(&L, st, 4, 0, vhk_md5_iv, out);
    }
}

#endif /* VHK_X86 */
