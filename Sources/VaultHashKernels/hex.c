/*
 * hex.c - hex encoding of digests: AVX2 (32 bytes -> 64 chars per step via a
 * nibble table lookup with vpshufb) with a portable scalar path.
 */
#include <stdatomic.h>
#include "VaultHashKernels.h"
#include "vhk_internal.h"

static const char hex_lower[17] = "0123456789abcdef";
static const char hex_upper[17] = "0123456789ABCDEF";

static void hex_scalar(const uint8_t *in, size_t n, uint8_t *out, const char *digits) {
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = (uint8_t)digits[in[i] >> 4];
        out[2 * i + 1] = (uint8_t)digits[in[i] & 15];
    }
}

#if defined(VHK_X86)
#include <immintrin.h>

/* Encodes n - n % 32 bytes; returns how many input bytes were done. */
static VHK_TARGET_AVX2 size_t hex_avx2(const uint8_t *in, size_t n, uint8_t *out, const char *digits) {
    const __m256i lut = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)digits));
    const __m256i low4 = _mm256_set1_epi8(0x0f);
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(in + i));
        __m256i hi = _mm256_shuffle_epi8(lut, _mm256_and_si256(_mm256_srli_epi16(v, 4), low4));
        __m256i lo = _mm256_shuffle_epi8(lut, _mm256_and_si256(v, low4));
        /* unpack works per 128-bit half: a = chars of bytes 0-7 | 16-23, b = 8-15 | 24-31 */
        __m256i a = _mm256_unpacklo_epi8(hi, lo), b = _mm256_unpackhi_epi8(hi, lo);
        _mm256_storeu_si256((__m256i *)(out + 2 * i), _mm256_permute2x128_si256(a, b, 0x20));
        _mm256_storeu_si256((__m256i *)(out + 2 * i + 32), _mm256_permute2x128_si256(a, b, 0x31));
    }
    return i;
}

static int have_avx2(void) {
    /* Relaxed atomics: every thread computes and stores the same value, and no other memory is
       published through it, so no ordering is needed; but the access itself must be atomic. */
    static atomic_int cached = -1;
    int value = atomic_load_explicit(&cached, memory_order_relaxed);
    if (value < 0) {
        value = __builtin_cpu_supports("avx2") ? 1 : 0;
        atomic_store_explicit(&cached, value, memory_order_relaxed);
    }
    return value;
}
#endif

void vhk_hex_encode(const uint8_t *in, size_t n, uint8_t *out, int upper) {
    const char *digits = upper ? hex_upper : hex_lower;
    size_t done = 0;
#if defined(VHK_X86)
    if (n >= 32 && have_avx2()) done = hex_avx2(in, n, out, digits);
#endif
    hex_scalar(in + done, n - done, out + 2 * done, digits);
}

void vhk_hex_encode_fixed(const uint8_t *in, size_t width, size_t count, uint8_t *out, int upper) {
    /* digests are contiguous in and out, so this is one long encode */
    vhk_hex_encode(in, width * count, out, upper);
}
