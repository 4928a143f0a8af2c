/*
 * sha256_scalar.c - portable SHA-256 (FIPS 180-4), one message at a time.
 */
#include "vhk_internal.h"

#define ROR(x, s) (((x) >> (s)) | ((x) << (32 - (s))))

static void sha256_compress(uint32_t st[8], const uint8_t *blk) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) w[i] = vhk_load_be32(blk + 4 * i);
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6], h = st[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + (g ^ (e & (f ^ g))) + vhk_sha256_k[i] + w[i];
        uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) | (c & (a | b)));
        h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    st[0] += a; st[1] += b; st[2] += c; st[3] += d; st[4] += e; st[5] += f; st[6] += g; st[7] += h;
}

void vhk_sha256_scalar(const uint8_t *bytes, const int64_t *offsets, size_t count, uint8_t *out) {
    uint8_t buf[64];
    for (size_t i = 0; i < count; i++) {
        const uint8_t *msg = bytes ? bytes + offsets[i] : bytes;
        uint64_t len = (uint64_t)(offsets[i + 1] - offsets[i]);
        uint32_t st[8];
        memcpy(st, vhk_sha256_iv, sizeof st);
        uint64_t nb = vhk_block_count(len);
        for (uint64_t b = 0; b < nb; b++) sha256_compress(st, vhk_padded_block(msg, len, b, buf, 1));
        for (int w = 0; w < 8; w++) vhk_store_be32(out + 32 * i + 4 * w, st[w]);
    }
}
