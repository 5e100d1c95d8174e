//! The `ringboard` binary: the command line (`cli`) in front of the
//! library, which does everything else.

mod cli;

// Loading allocates a small string per id and title: mimalloc's per-thread
// heaps make that and the page faults it causes markedly cheaper.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (v3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Keep freed memory for reuse rather than handing it back to the
    // system: a command's freed memory is soon needed again (the second
    // side of a diff, the next reload of the board), and memory handed back
    // returns as fresh page faults. The peak is what the process holds.
    // SAFETY: sets a plain integer option; mimalloc reads options atomically.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    cli::main()
}
