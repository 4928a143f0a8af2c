/*
 * mb_avx512.h - 16-lane multi-buffer scheduler shared by the AVX-512 kernels.
 *
 * Each of the 16 lanes hashes one message. Every iteration the kernel asks
 * for the next 64-byte block of every lane, already transposed so that vector
 * W[w] holds message word w of all 16 lanes, runs one compression on all
 * lanes, and then retires lanes whose message ended: their digest is stored
 * and the lane is refilled with the next message of the batch (its state is
 * reset to the IV by the caller). Lanes with no message left stay inactive
 * and compress zero blocks whose result is ignored.
 *
 * Padding is built on the fly in registers: a byte-masked load (which never
 * touches memory past the message, so it cannot fault) fetches the message
 * bytes of the block, the 0x80 terminator byte is merged at its position, and
 * after the transpose the 64-bit bit length is merged into words 14/15 of the
 * lanes that are in their last block.
 */
#ifndef VHK_MB_AVX512_H
#define VHK_MB_AVX512_H

#include "vhk_internal.h"

#if defined(VHK_X86)
#include <immintrin.h>

#define MB16_INLINE static inline __attribute__((always_inline)) VHK_TARGET_AVX512

typedef struct {
    const uint8_t *bytes;
    const int64_t *offsets;
    size_t count, next;            /* batch size; next message to hand out */
    const uint8_t *ptr[16];        /* start of the lane's current block */
    int64_t rem[16];               /* message bytes left from ptr (<= 0: only padding) */
    size_t msg[16];                /* message index of the lane */
    uint32_t left[16];             /* blocks left including the current one; 0 = inactive */
    uint32_t bits_lo[16], bits_hi[16]; /* message bit length, low / high 32 bits */
    __mmask16 active;
    int seq;                       /* 1: lane j holds message msg[0] + j (fast store) */
} vhk_mb16;

/* Puts message `next` into lane j, or marks the lane inactive. Returns 1 if filled. */
MB16_INLINE int mb16_fill_lane(vhk_mb16 *s, int j) {
    if (s->next >= s->count) {
        s->left[j] = 0; s->rem[j] = -1; s->ptr[j] = 0;
        s->active &= (__mmask16)~(1u << j);
        return 0;
    }
    size_t i = s->next++;
    uint64_t len = (uint64_t)(s->offsets[i + 1] - s->offsets[i]);
    s->ptr[j] = s->bytes ? s->bytes + s->offsets[i] : 0;
    s->rem[j] = (int64_t)len;
    s->msg[j] = i;
    s->left[j] = (uint32_t)vhk_block_count(len);
    s->bits_lo[j] = (uint32_t)(len << 3);
    s->bits_hi[j] = (uint32_t)(len >> 29);
    s->active |= (__mmask16)(1u << j);
    return 1;
}

/* Puts the next 16 messages (s->next + 16 <= s->count) into lanes 0..15 with
 * vector code: lengths from the int64 offsets, block counts, bit lengths. */
MB16_INLINE void mb16_fill_all(vhk_mb16 *s) {
    const int64_t *o = s->offsets + s->next;
    for (int h = 0; h < 2; h++) {
        __m512i start = _mm512_loadu_si512(o + 8 * h);
        __m512i len = _mm512_sub_epi64(_mm512_loadu_si512(o + 8 * h + 1), start);
        _mm512_storeu_si512(s->rem + 8 * h, len);
        _mm512_storeu_si512(s->ptr + 8 * h,
                            _mm512_add_epi64(_mm512_set1_epi64((long long)(uintptr_t)s->bytes), start));
        _mm512_storeu_si512(s->msg + 8 * h, _mm512_add_epi64(_mm512_set1_epi64((long long)s->next + 8 * h),
                                                             _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0)));
        __m512i nb = _mm512_add_epi64(_mm512_srli_epi64(_mm512_add_epi64(len, _mm512_set1_epi64(8)), 6),
                                      _mm512_set1_epi64(1));
        _mm256_storeu_si256((__m256i *)(s->left + 8 * h), _mm512_cvtepi64_epi32(nb));
        _mm256_storeu_si256((__m256i *)(s->bits_lo + 8 * h), _mm512_cvtepi64_epi32(_mm512_slli_epi64(len, 3)));
        _mm256_storeu_si256((__m256i *)(s->bits_hi + 8 * h), _mm512_cvtepi64_epi32(_mm512_srli_epi64(len, 29)));
    }
    s->next += 16;
    s->active = 0xFFFF;
    s->seq = 1;
}

MB16_INLINE void mb16_init(vhk_mb16 *s, const uint8_t *bytes, const int64_t *offsets, size_t count) {
    s->bytes = bytes; s->offsets = offsets; s->count = count; s->next = 0; s->active = 0; s->seq = 0;
    if (count >= 16) mb16_fill_all(s);
    else for (int j = 0; j < 16; j++) mb16_fill_lane(s, j);
}

/* In-register transpose of a 16x16 matrix of 32-bit words: on entry r[j] is
 * row j (lane j's block), on exit r[w] is column w (word w of all lanes). */
MB16_INLINE void mb16_transpose(__m512i r[16]) {
    __m512i t[16], u[16];
    /* 1: interleave dwords of row pairs: per 128-bit chunk (a0 b0 a1 b1), (a2 b2 a3 b3) */
    for (int i = 0; i < 8; i++) {
        t[2 * i] = _mm512_unpacklo_epi32(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_epi32(r[2 * i], r[2 * i + 1]);
    }
    /* 2: interleave qwords: u[4i+m] chunk k = word 4k+m of rows 4i..4i+3 */
    for (int i = 0; i < 4; i++) {
        u[4 * i + 0] = _mm512_unpacklo_epi64(t[4 * i], t[4 * i + 2]);
        u[4 * i + 1] = _mm512_unpackhi_epi64(t[4 * i], t[4 * i + 2]);
        u[4 * i + 2] = _mm512_unpacklo_epi64(t[4 * i + 1], t[4 * i + 3]);
        u[4 * i + 3] = _mm512_unpackhi_epi64(t[4 * i + 1], t[4 * i + 3]);
    }
    /* 3+4: 4x4 transpose of 128-bit chunks among u[m], u[4+m], u[8+m], u[12+m] */
    for (int m = 0; m < 4; m++) {
        __m512i x0 = _mm512_shuffle_i32x4(u[m], u[4 + m], 0x44);
        __m512i x1 = _mm512_shuffle_i32x4(u[m], u[4 + m], 0xEE);
        __m512i x2 = _mm512_shuffle_i32x4(u[8 + m], u[12 + m], 0x44);
        __m512i x3 = _mm512_shuffle_i32x4(u[8 + m], u[12 + m], 0xEE);
        r[m] = _mm512_shuffle_i32x4(x0, x2, 0x88);
        r[4 + m] = _mm512_shuffle_i32x4(x0, x2, 0xDD);
        r[8 + m] = _mm512_shuffle_i32x4(x1, x3, 0x88);
        r[12 + m] = _mm512_shuffle_i32x4(x1, x3, 0xDD);
    }
}

/* Byte shuffle that swaps the bytes of every dword (big-endian words for SHA). */
MB16_INLINE __m512i mb16_bswap_mask(void) {
    return _mm512_set_epi64(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL, 0x0c0d0e0f08090a0bULL,
                            0x0405060700010203ULL, 0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL,
                            0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
}

/* Builds the current padded block of every lane as 16 word vectors W[0..15]
 * (big-endian words when be) and advances the lanes by one block. */
MB16_INLINE void mb16_load_block(vhk_mb16 *s, __m512i W[16], int be) {
    const __m512i x80 = _mm512_set1_epi8((char)0x80);
    for (int j = 0; j < 16; j++) {
        int64_t r = s->rem[j];
        /* bytes [0, r) come from the message; byte r (if in this block) is 0x80 */
        __mmask64 lm = r >= 64 ? ~0ULL : r > 0 ? (1ULL << r) - 1 : 0;
        __mmask64 pm = (r >= 0 && r < 64) ? 1ULL << r : 0;
        __m512i v = _mm512_maskz_loadu_epi8(lm, s->ptr[j]);
        W[j] = _mm512_mask_mov_epi8(v, pm, x80);
        s->ptr[j] += (r > 0) ? 64 : 0;
        s->rem[j] = r - 64;
    }
    if (be) {
        const __m512i bs = mb16_bswap_mask();
        for (int j = 0; j < 16; j++) W[j] = _mm512_shuffle_epi8(W[j], bs);
    }
    mb16_transpose(W);
    /* lanes in their last block get the bit length in words 14, 15 */
    __m512i left = _mm512_loadu_si512(s->left);
    __mmask16 last = _mm512_cmpeq_epi32_mask(left, _mm512_set1_epi32(1));
    __m512i lo = _mm512_loadu_si512(s->bits_lo), hi = _mm512_loadu_si512(s->bits_hi);
    W[14] = _mm512_mask_mov_epi32(W[14], last, be ? hi : lo);
    W[15] = _mm512_mask_mov_epi32(W[15], last, be ? lo : hi);
}

/* After a compression: counts the block down and returns the lanes that finished. */
MB16_INLINE __mmask16 mb16_advance(vhk_mb16 *s) {
    __m512i left = _mm512_loadu_si512(s->left);
    left = _mm512_maskz_sub_epi32(s->active, left, _mm512_set1_epi32(1));
    _mm512_storeu_si512(s->left, left);
    return _mm512_mask_cmpeq_epi32_mask(s->active, left, _mm512_setzero_si512());
}

/* Fast path when all 16 lanes finished and hold consecutive messages: the
 * nw state vectors (word-major) are transposed back to 16 digests and stored
 * contiguously. Digest words are byte-swapped first when be. */
MB16_INLINE void mb16_store_all(const vhk_mb16 *s, const __m512i *st, int nw, int be, uint8_t *out) {
    uint8_t *dst = out + s->msg[0] * (size_t)(4 * nw);
    __m512i v[16];
    for (int w = 0; w < 16; w++)
        v[w] = w >= nw ? _mm512_setzero_si512() : be ? _mm512_shuffle_epi8(st[w], mb16_bswap_mask()) : st[w];
    if (nw == 4) {
        /* MD5: 4x16 transpose; chunk k of u[m] = digest of lane 4k+m, then
         * regroup the 128-bit chunks so vector k = digests of lanes 4k..4k+3 */
        __m512i t0 = _mm512_unpacklo_epi32(v[0], v[1]), t1 = _mm512_unpackhi_epi32(v[0], v[1]);
        __m512i t2 = _mm512_unpacklo_epi32(v[2], v[3]), t3 = _mm512_unpackhi_epi32(v[2], v[3]);
        __m512i u0 = _mm512_unpacklo_epi64(t0, t2), u1 = _mm512_unpackhi_epi64(t0, t2);
        __m512i u2 = _mm512_unpacklo_epi64(t1, t3), u3 = _mm512_unpackhi_epi64(t1, t3);
        __m512i x0 = _mm512_shuffle_i32x4(u0, u1, 0x44), x1 = _mm512_shuffle_i32x4(u0, u1, 0xEE);
        __m512i x2 = _mm512_shuffle_i32x4(u2, u3, 0x44), x3 = _mm512_shuffle_i32x4(u2, u3, 0xEE);
        _mm512_storeu_si512(dst, _mm512_shuffle_i32x4(x0, x2, 0x88));
        _mm512_storeu_si512(dst + 64, _mm512_shuffle_i32x4(x0, x2, 0xDD));
        _mm512_storeu_si512(dst + 128, _mm512_shuffle_i32x4(x1, x3, 0x88));
        _mm512_storeu_si512(dst + 192, _mm512_shuffle_i32x4(x1, x3, 0xDD));
        return;
    }
    mb16_transpose(v); /* v[j] = lane j's digest words, zero padded */
    __mmask16 wm = (__mmask16)((1u << nw) - 1);
    for (int j = 0; j < 16; j++) _mm512_mask_storeu_epi32(dst + 4 * nw * j, wm, v[j]);
}

/* Stores the digests (nw words, byte-swapped when be) of the lanes in `done`. */
MB16_INLINE void mb16_store_digests(const vhk_mb16 *s, const __m512i *st, int nw, int be,
                                    __mmask16 done, uint8_t *out) {
    uint32_t tmp[8][16];
    for (int w = 0; w < nw; w++)
        _mm512_storeu_si512(tmp[w], be ? _mm512_shuffle_epi8(st[w], mb16_bswap_mask()) : st[w]);
    while (done) {
        int j = __builtin_ctz(done);
        done &= (__mmask16)(done - 1);
        uint8_t *dst = out + s->msg[j] * (size_t)(4 * nw);
        for (int w = 0; w < nw; w++) memcpy(dst + 4 * w, &tmp[w][j], 4);
    }
}

/* Refills the lanes in `done` with the next messages; returns the lanes that
 * got a new message (their state must be reset to the IV). */
MB16_INLINE __mmask16 mb16_refill(vhk_mb16 *s, __mmask16 done) {
    if (done == 0xFFFF && s->next + 16 <= s->count) {
        mb16_fill_all(s);
        return 0xFFFF;
    }
    s->seq = 0;
    __mmask16 fresh = 0;
    while (done) {
        int j = __builtin_ctz(done);
        done &= (__mmask16)(done - 1);
        if (mb16_fill_lane(s, j)) fresh |= (__mmask16)(1u << j);
    }
    return fresh;
}

#endif /* VHK_X86 */
#endif /* VHK_MB_AVX512_H */
