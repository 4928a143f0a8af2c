/*
 * md5_scalar.c - portable MD5 (RFC 1321), one message at a time.
 * Always available; the reference the SIMD kernels fall back to.
 */
#include "vhk_internal.h"
#include "md5_steps.h"

#define ROL(x, s) (((x) << (s)) | ((x) >> (32 - (s))))
#define F(b, c, d) ((d) ^ ((b) & ((c) ^ (d))))
#define G(b, c, d) ((c) ^ ((d) & ((b) ^ (c))))
#define H(b, c, d) ((b) ^ (c) ^ (d))
#define I(b, c, d) ((c) ^ ((b) | ~(d)))
#define STEP(f, a, b, c, d, k, s, t) a = b + ROL(a + f(b, c, d) + m[k] + (t), s);

static void md5_compress(uint32_t st[4], const uint8_t *blk) {
    uint32_t m[16];
    for (int i = 0; i < 16; i++) m[i] = vhk_load_le32(blk + 4 * i);
    uint32_t a = st[0], b = st[1], c = st[2], d = st[3];
    VHK_MD5_STEPS(STEP)
    st[0] += a; st[1] += b; st[2] += c; st[3] += d;
}

void vhk_md5_scalar(const uint8_t *bytes, const int64_t *offsets, size_t count, uint8_t *out) {
    uint8_t buf[64];
    for (size_t i = 0; i < count; i++) {
        const uint8_t *msg = bytes ? bytes + offsets[i] : bytes;
        uint64_t len = (uint64_t)(offsets[i + 1] - offsets[i]);
        uint32_t st[4];
        memcpy(st, vhk_md5_iv, sizeof st);
        uint64_t nb = vhk_block_count(len);
        for (uint64_t b = 0; b < nb; b++) md5_compress(st, vhk_padded_block(msg, len, b, buf, 0));
        for (int w = 0; w < 4; w++) vhk_store_le32(out + 16 * i + 4 * w, st[w]);
    }
}
