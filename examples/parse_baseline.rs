//! The benchmark baseline for `ringboard check`: read every `.toml` file
//! below a boards folder and parse it into a `toml::Table`, nothing else.
//!
//! Usage: `cargo run --release --example parse_baseline -- DIR`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: parse_baseline BOARDS_DIR");
        return ExitCode::from(2);
    };
    let mut files = Vec::new();
    if let Err(e) = collect(&dir, &mut files) {
        eprintln!("parse_baseline: {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    files.sort();
    let (mut tables, mut errors) = (0usize, 0usize);
    for path in &files {
        let parsed = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| toml::from_str::<toml::Table>(&text).map_err(|e| e.to_string()));
        match parsed {
            Ok(table) => tables += table.len(),
            Err(e) => {
                errors += 1;
                eprintln!("{}: {e}", path.display());
            }
        }
    }
    println!(
        "{} files, {tables} top-level keys, {errors} errors",
        files.len()
    );
    ExitCode::from(u8::from(errors > 0))
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}
