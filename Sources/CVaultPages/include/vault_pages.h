// vault_pages.h: anonymous page mappings for large column buffers (mmap, mremap, munmap).
//
// Large buffers live in their own mappings so that freeing one returns its pages to the system at
// once (the C allocator keeps freed heap memory for reuse, which inflates the resident size of a
// process that grows and drops many large buffers), fresh pages arrive zeroed by the kernel, and a
// growing buffer moves its pages instead of copying its bytes (mremap, Linux). mremap is variadic in
// C, so Swift cannot call it directly: these wrappers give it a fixed signature.
#ifndef VAULT_PAGES_H
#define VAULT_PAGES_H

#include <stddef.h>

/// Maps `bytes` (a multiple of the page size) of private, read-write memory; NULL on failure.
/// It is zero from byte `*zero_from` on (fresh pages); the bytes before hold old bytes of reused
/// pages: 0 for a fresh mapping, `bytes` for a reused one, a whole number of pages in between.
void *vault_pages_map(size_t bytes, size_t *zero_from);

/// Grows a mapping from `old_bytes` to `new_bytes`, keeping its contents (the new tail is zero);
/// it may move. NULL when the system cannot, and then the old mapping is untouched.
void *vault_pages_remap(void *pages, size_t old_bytes, size_t new_bytes);

/// Frees a mapping made by vault_pages_map or vault_pages_remap (it may be kept, bounded, for reuse).
void vault_pages_unmap(void *pages, size_t bytes);

/// Gives whole pages at the end of a mapping back to the system at once.
void vault_pages_unmap_tail(void *pages, size_t bytes);

/// Faults in every page of a fresh mapping for writing at once (MADV_POPULATE_WRITE, Linux 5.14),
/// cheaper than a fault per page on first write; -1 where unsupported (the pages then fault as usual).
int vault_pages_populate(void *pages, size_t bytes);

/// The system's page size in bytes.
size_t vault_page_size(void);

/// Hints that the cache line holding `address` will be read soon: a prefetch instruction, which
/// neither faults nor waits (Swift has no way to emit one). Inlined into Swift callers.
static inline void vault_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
