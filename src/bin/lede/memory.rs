//! The CLI's memory settings, on Linux with glibc (elsewhere they do nothing): a heap taken in one
//! large step and backed by 2 MB pages where the system allows it, for speed; and, for a huge
//! input, freed memory given back at once, for the peak.
//!
//! Why: on a 1 MB text the analysis touches about 40 MB of fresh memory, and in 4 KB pages that is
//! some 11,000 page faults, a tenth of the CLI's time on the build machine; the stages' tables are
//! also read at random, where 2 MB pages spare the processor most of its address look-ups.

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod glibc {
    use std::ffi::{c_int, c_void};

    extern "C" {
        fn mallopt(param: c_int, value: c_int) -> c_int;
        fn malloc(size: usize) -> *mut c_void;
        fn free(ptr: *mut c_void);
        fn madvise(addr: *mut c_void, len: usize, advice: c_int) -> c_int;
    }

    // malloc.h and mman.h.
    const M_TRIM_THRESHOLD: c_int = -1;
    const M_TOP_PAD: c_int = -2;
    const M_MMAP_THRESHOLD: c_int = -3;
    const M_ARENA_MAX: c_int = -8;
    const MADV_HUGEPAGE: c_int = 14;

    const MB: usize = 1 << 20;
    /// The heap taken at start (address space: only the pages touched count as memory).
    const HEAP: usize = 256 * MB;

    pub fn at_start() {
        // SAFETY: mallopt only changes the allocator's settings; the block is freed at once.
        unsafe {
            // Every thread allocates from the main heap (the one given 2 MB pages below), blocks
            // below 32 MB included (not each mapped on its own, and its pages faulted in anew),
            // and nothing is given back before the end (an analysis reuses what the last one freed).
            mallopt(M_ARENA_MAX, 1);
            mallopt(M_MMAP_THRESHOLD, (32 * MB) as c_int);
            mallopt(M_TRIM_THRESHOLD, (1024 * MB) as c_int);
            // The heap grows by HEAP now, not a few hundred KB at a time.
            mallopt(M_TOP_PAD, HEAP as c_int);
            // (black_box: a compiler may drop a block that is freed unused.)
            let block = std::hint::black_box(malloc(MB));
            free(block);
        }
        // Ask for 2 MB pages on the heap's whole 2 MB blocks (the kernel's transparent huge pages,
        // where they are set to "madvise" or "always"; elsewhere the call fails and nothing changes).
        let Some((start, end)) = heap() else { return };
        let (start, end) = (start.next_multiple_of(2 * MB), end / (2 * MB) * (2 * MB));
        if end > start {
            // SAFETY: the range lies inside the process's own heap mapping; the advice changes how
            // its pages are backed, never their contents.
            unsafe {
                madvise(start as *mut c_void, end - start, MADV_HUGEPAGE);
            }
        }
        // Later growth in glibc's usual steps. SAFETY: as above.
        unsafe {
            mallopt(M_TOP_PAD, (128 * 1024) as c_int);
        }
    }

    pub fn give_back() {
        // SAFETY: mallopt only changes the allocator's settings.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, (128 * 1024) as c_int);
            mallopt(M_TRIM_THRESHOLD, (4 * MB) as c_int);
        }
    }

    /// The start and end of the heap mapping (`[heap]` in /proc/self/maps).
    fn heap() -> Option<(usize, usize)> {
        let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
        let line = maps.lines().find(|l| l.ends_with("[heap]"))?;
        let (start, end) = line.split_whitespace().next()?.split_once('-')?;
        Some((usize::from_str_radix(start, 16).ok()?, usize::from_str_radix(end, 16).ok()?))
    }
}

/// At the start of every command.
pub fn at_start() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    glibc::at_start();
}

/// For a huge input (above `analysis::LEAN_FROM`): freed memory goes back to the system as soon as
/// more than 4 MB lies free at the top of the heap, and large blocks are mapped each on its own
/// (unmapped when freed). The stages of a huge text free large tables (the repeats', the
/// statistics') that later ones do not reuse whole, so the process would otherwise hold them to the
/// end: about 113 MB at its peak on 10 MB of news text instead of 90. It costs page faults (about 4%
/// of the time on that text), so smaller inputs keep the settings of [`at_start`].
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    glibc::give_back();
}
