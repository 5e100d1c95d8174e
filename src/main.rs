//! The `ringboard` binary: everything lives in the library.

// Loading allocates a small string per id and title: mimalloc's per-thread
// heaps make that and the page faults it causes markedly cheaper.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ringboard::cli::main()
}
