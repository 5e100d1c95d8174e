//! The `ringboard` binary: the command line (`cli`) in front of the
//! library, which does everything else.

mod cli;

// Loading allocates a small string per id and title: mimalloc's per-thread
// heaps make that and the page faults it causes markedly cheaper.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}

/// For a process that stays (the board, the stand-up display): no
/// transparent huge pages. mimalloc asks for them, and with them each heap
/// region a thread touches is resident 2 MB at a time: the board on the
/// 100-program portfolio held 69-74 MB instead of 42-47 MB. A command that
/// ends in a fraction of a second keeps them: fewer page faults make
/// `check` 15-20% faster.
pub(crate) fn for_a_long_session() {
    #[cfg(target_os = "linux")]
    {
        // Not allowed (an old kernel, a sandbox): memory as it was.
        let _ = rustix::thread::disable_transparent_huge_pages(true);
    }
}
