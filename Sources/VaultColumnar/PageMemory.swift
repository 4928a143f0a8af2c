// PageMemory.swift: page mappings for large column buffers, the fenced wrapper over CVaultPages.

import CVaultPages

/// Anonymous page mappings for the large allocations of ``AlignedBuffer``.
///
/// Why: the C allocator keeps freed memory for reuse, and above its mmap threshold (which glibc
/// raises on its own after large frees) big blocks come from the heap. A load that builds and drops
/// many large staging columns then holds hundreds of megabytes it no longer uses. A buffer that is its
/// own mapping gives its pages back when freed, starts zeroed (no fill), and grows with `mremap`,
/// which moves pages instead of copying bytes, so the old and new copies never coexist.
enum PageMemory {
    /// Allocations of at least this many bytes are page mappings. Measured on `vaultsim load
    /// --scale 100 --days 7` (peak resident per sales line): about 780 bytes without mappings,
    /// 515 with them, 580 with the cache of freed mappings, which in turn takes `snapshot bench`
    /// restores from 1.4 to 2.3 GB/s (fresh pages cost a page fault each on first write).
    static let threshold = 256 * 1024

    /// The system page size.
    static let pageSize = Int(vault_page_size())

    /// `n` rounded up to whole pages.
    static func roundUp(_ n: Int) -> Int { (n + pageSize - 1) / pageSize * pageSize }

    /// A mapping of `bytes` (whole pages), zero (fresh pages) from byte `zeroFrom` on; the bytes
    /// before hold old bytes of pages reused from the bounded cache of freed mappings (`zeroFrom`
    /// is 0 for a fresh mapping, `bytes` for a reused one). nil when the system has none.
    static func map(bytes: Int) -> (pages: UnsafeMutableRawPointer, zeroFrom: Int)? {
        assert(bytes > 0 && bytes % pageSize == 0)
        var zeroFrom = 0
        guard let pages = vault_pages_map(bytes, &zeroFrom) else { return nil }
        return (pages, zeroFrom)
    }

    /// The mapping grown to `newBytes` (whole pages), contents kept; nil (and the old one intact)
    /// when the system cannot or does not support it.
    static func remap(_ pages: UnsafeMutableRawPointer, from oldBytes: Int, to newBytes: Int) -> UnsafeMutableRawPointer? {
        assert(newBytes >= oldBytes && newBytes % pageSize == 0)
        return vault_pages_remap(pages, oldBytes, newBytes)
    }

    /// Faults in all pages of a fresh mapping for writing in one call (`MADV_POPULATE_WRITE`):
    /// measured on a 2-core VM, about 1.26 µs a page against 1.6 µs for a fault on first write.
    /// Where the system lacks it, nothing happens and the pages fault as usual.
    static func populate(_ pages: UnsafeMutableRawPointer, bytes: Int) {
        _ = vault_pages_populate(pages, bytes)
    }

    /// Frees a mapping; one of at most 64 MiB may be kept for reuse (256 MiB in all), which
    /// spares the page faults of a fresh mapping when buffers of similar sizes come and go.
    static func unmap(_ pages: UnsafeMutableRawPointer, bytes: Int) {
        vault_pages_unmap(pages, bytes)
    }

    /// Returns whole pages at the end of a mapping to the system at once.
    static func unmapTail(_ pages: UnsafeMutableRawPointer, bytes: Int) {
        vault_pages_unmap_tail(pages, bytes)
    }
}
