/*
 * lanes.h - small-lane-count message scheduler (scalar bookkeeping) used by
 * the SHA-NI kernels (2 interleaved messages) and the AVX2 kernels (8 lanes).
 *
 * Lane j hashes message idx[j]; each round the kernel fetches the current
 * padded block of every lane (in place when it lies fully inside the message,
 * otherwise built in the lane's 64-byte buffer with vhk_padded_block), runs
 * one compression per lane, then lanes that finished store their digest and
 * are refilled with the next message of the batch. Lanes with nothing left
 * compress a zero block that is ignored. No heap allocation.
 */
#ifndef VHK_LANES_H
#define VHK_LANES_H

#include "vhk_internal.h"

#define VHK_LANES_MAX 8

typedef struct {
    const uint8_t *bytes;
    const int64_t *offsets;
    size_t count, next; /* batch size; next message to hand out */
    int nactive;
    const uint8_t *msg[VHK_LANES_MAX];
    uint64_t len[VHK_LANES_MAX], blk[VHK_LANES_MAX], nb[VHK_LANES_MAX];
    size_t idx[VHK_LANES_MAX];
    int active[VHK_LANES_MAX];
    uint8_t buf[VHK_LANES_MAX][64];
} vhk_lanes;

/* Gives lane j the next message; returns 0 (lane now inactive) when none is left. */
VHK_INLINE int vhk_lanes_fill(vhk_lanes *L, int j) {
    if (L->next >= L->count) {
        if (L->active[j]) L->nactive--;
        L->active[j] = 0;
        memset(L->buf[j], 0, 64);
        return 0;
    }
    size_t i = L->next++;
    L->msg[j] = L->bytes ? L->bytes + L->offsets[i] : L->bytes;
    L->len[j] = (uint64_t)(L->offsets[i + 1] - L->offsets[i]);
    L->blk[j] = 0;
    L->nb[j] = vhk_block_count(L->len[j]);
    L->idx[j] = i;
    if (!L->active[j]) L->nactive++;
    L->active[j] = 1;
    return 1;
}

VHK_INLINE void vhk_lanes_init(vhk_lanes *L, int n, const uint8_t *bytes, const int64_t *offsets,
                               size_t count) {
    L->bytes = bytes; L->offsets = offsets; L->count = count; L->next = 0; L->nactive = 0;
    for (int j = 0; j < n; j++) { L->active[j] = 0; vhk_lanes_fill(L, j); }
}

/* Current padded block of lane j (a zero block for an inactive lane). */
VHK_INLINE const uint8_t *vhk_lanes_block(vhk_lanes *L, int j, int be) {
    if (!L->active[j]) return L->buf[j];
    return vhk_padded_block(L->msg[j], L->len[j], L->blk[j], L->buf[j], be);
}

/* Counts lane j's block as done; 1 when its message is complete. */
VHK_INLINE int vhk_lanes_advance(vhk_lanes *L, int j) {
    return L->active[j] && ++L->blk[j] == L->nb[j];
}

#endif /* VHK_LANES_H */
