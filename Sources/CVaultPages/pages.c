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

// Cached pages for a request of `bytes`, fitted to `bytes`; NULL when the cache is empty. It takes
// the cached mapping closest in size among those of half to twice `bytes`; failing that, the
// front of the smallest larger one (its tail stays cached), or else the largest smaller one. A
// larger mapping gives its excess pages back (or keeps them cached); a smaller one grows in place
// or moves (mremap), so only its new tail is fresh pages: a buffer a little bigger than the one
// freed before it (the next day's column) still reuses that buffer's pages instead of faulting
// them all. `*reused` is how many bytes at the front are reused pages (they hold old bytes).
//
// Any request takes cached pages: a cache that kept mappings no request fits would hold them
// idle while fresh pages fault in beside them, and the peak resident memory would carry both.
static void *cache_take(size_t bytes, size_t *reused) {
    pthread_mutex_lock(&cache_lock);
    int fit = -1, larger = -1, smaller = -1;
    size_t fit_distance = 0;
    for (int i = 0; i < CACHE_SLOTS; i++) {
        size_t size = cache[i].bytes;
        if (!cache[i].pages) continue;
        if (size / 2 > bytes) {
            if (larger < 0 || size < cache[larger].bytes) larger = i;
        } else if (bytes / 2 > size) {
            if (smaller < 0 || size > cache[smaller].bytes) smaller = i;
        } else {
            size_t distance = size >= bytes ? size - bytes : bytes - size;
            if (fit < 0 || distance < fit_distance) { fit = i; fit_distance = distance; }
        }
    }
    void *pages = NULL;
    size_t found = 0;
    if (fit < 0 && larger >= 0) {
        // Split: the front serves this request, the tail (one mapping still) stays cached.
        pages = cache[larger].pages;
        found = bytes;
        cache[larger].pages = (char *)pages + bytes;
        cache[larger].bytes -= bytes;
        cache_total -= bytes;
    } else if (fit >= 0 || smaller >= 0) {
        int taken = fit >= 0 ? fit : smaller;
        pages = cache[taken].pages;
        found = cache[taken].bytes;
        cache[taken].pages = NULL;
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
    *reused = found < bytes ? found : bytes;
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

void *vault_pages_map(size_t bytes, size_t *zero_from) {
    void *cached = cache_take(bytes, zero_from);
    if (cached) return cached;
    *zero_from = 0;
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
