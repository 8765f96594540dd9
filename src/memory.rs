//! How the process uses glibc's allocator, for peak memory at start-up
//! (benches/README.md has the figures).
//!
//! Building 10,000 article pages frees about 120 MB of rendered bodies in
//! the middle of the allocator's arenas, and glibc keeps freed memory
//! resident unless asked. Two settings keep the peak near what is really
//! held: large blocks (the page stores' slabs, the encoders' tables) are
//! always mapped on their own, so they never land in, or leave, holes in an
//! arena; and freed pages are handed back during and after the build.
//! Elsewhere (musl, other systems) both are no-ops.

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod glibc {
    use std::ffi::c_int;

    unsafe extern "C" {
        fn malloc_trim(pad: usize) -> c_int;
        fn mallopt(param: c_int, value: c_int) -> c_int;
    }

    /// `M_MMAP_THRESHOLD` in glibc's malloc.h.
    const M_MMAP_THRESHOLD: c_int = -3;

    pub(super) fn release_freed() {
        // SAFETY: malloc_trim only returns the allocator's own unused pages
        // to the system; it takes no pointers from us.
        unsafe {
            malloc_trim(0);
        }
    }

    pub(super) fn map_large_blocks(bytes: c_int) {
        // SAFETY: mallopt only changes a tuning value of the allocator.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, bytes);
        }
    }
}

/// Hands memory that is free inside the allocator's arenas back to the
/// system, so it stops counting as resident.
pub(crate) fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    glibc::release_freed();
}

/// Blocks of 256 KiB and more get their own mapping, returned to the
/// system when freed. glibc starts there too, but raises the limit to the
/// size of any such block once freed (up to 32 MB): after that, slabs and
/// encoder tables are carved from the arenas and pin their holes. Setting
/// the limit keeps it fixed. Call it once, before loading.
pub(crate) fn map_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    glibc::map_large_blocks(256 * 1024);
}
