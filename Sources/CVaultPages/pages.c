// pages.c: see include/vault_pages.h.
#define _GNU_SOURCE
#include "vault_pages.h"

#include <sys/mman.h>
#include <unistd.h>

void *vault_pages_map(size_t bytes) {
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

void vault_pages_unmap(void *pages, size_t bytes) { munmap(pages, bytes); }

size_t vault_page_size(void) { return (size_t)sysconf(_SC_PAGESIZE); }
