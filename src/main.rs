//! The `ringboard` binary: everything lives in the library.
fn main() -> std::process::ExitCode {
    ringboard::cli::main()
}
