/*
 * sha1_scalar.c - portable SHA-1 (FIPS 180-4), one message at a time.
 */
#include "vhk_internal.h"

#define ROL(x, s) (((x) << (s)) | ((x) >> (32 - (s))))

static void sha1_compress(uint32_t st[5], const uint8_t *blk) {
    uint32_t w[80];
    for (int i = 0; i < 16; i++) w[i] = vhk_load_be32(blk + 4 * i);
    for (int i = 16; i < 80; i++) w[i] = ROL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = st[0], b = st[1], c = st[2], d = st[3], e = st[4];
    for (int i = 0; i < 80; i++) {
        uint32_t f, k;
        if (i < 20) { f = d ^ (b & (c ^ d)); k = 0x5a827999; }
        else if (i < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
        else if (i < 60) { f = (b & c) | (d & (b | c)); k = 0x8f1bbcdc; }
        else { f = b ^ c ^ d; k = 0xca62c1d6; }
        uint32_t t = ROL(a, 5) + f + e + k + w[i];
        e = d; d = c; c = ROL(b, 30); b = a; a = t;
    }
    st[0] += a; st[1] += b; st[2] += c; st[3] += d; st[4] += e;
}

void vhk_sha1_scalar(const uint8_t *bytes, const int64_t *offsets, size_t count, uint8_t *out) {
    uint8_t buf[64];
    for (size_t i = 0; i < count; i++) {
        const uint8_t *msg = bytes ? bytes + offsets[i] : bytes;
        uint64_t len = (uint64_t)(offsets[i + 1] - offsets[i]);
        uint32_t st[5];
        memcpy(st, vhk_sha1_iv, sizeof st);
        uint64_t nb = vhk_block_count(len);
        for (uint64_t b = 0; b < nb; b++) sha1_compress(st, vhk_padded_block(msg, len, b, buf, 1));
        for (int w = 0; w < 5; w++) vhk_store_be32(out + 20 * i + 4 * w, st[w]);
    }
}
