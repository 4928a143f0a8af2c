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
    /// --scale 100 --days 7`: peak resident 515 bytes per sales line at 256 KiB, 572 at 1 MiB,
    /// 639 at 4 MiB, about 800 without mappings; the price is the kernel zeroing fresh pages
    /// (system time 1.4 s instead of 0.7 s, user time unchanged).
    static let threshold = 256 * 1024

    /// The system page size.
    static let pageSize = Int(vault_page_size())

    /// `n` rounded up to whole pages.
    static func roundUp(_ n: Int) -> Int { (n + pageSize - 1) / pageSize * pageSize }

    /// A fresh zeroed mapping of `bytes` (whole pages), or nil when the system has none.
    static func map(bytes: Int) -> UnsafeMutableRawPointer? {
        assert(bytes > 0 && bytes % pageSize == 0)
        return vault_pages_map(bytes)
    }

    /// The mapping grown to `newBytes` (whole pages), contents kept; nil (and the old one intact)
    /// when the system cannot or does not support it.
    static func remap(_ pages: UnsafeMutableRawPointer, from oldBytes: Int, to newBytes: Int) -> UnsafeMutableRawPointer? {
        assert(newBytes >= oldBytes && newBytes % pageSize == 0)
        return vault_pages_remap(pages, oldBytes, newBytes)
    }

    /// Returns a mapping's pages to the system.
    static func unmap(_ pages: UnsafeMutableRawPointer, bytes: Int) {
        vault_pages_unmap(pages, bytes)
    }
}
