//! git stays behind one module (issue 20): no source file outside
//! `src/git/` names the git library or needs `unsafe`. The library denies
//! `unsafe` itself (`#![deny(unsafe_code)]`, allowed for `git::loose`
//! alone); this test also covers the binary and names the library's crate.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `word` stands in `line` as a word of its own (`git2::`, not
/// `libgit2`; `unsafe {`, not `may_hold_unsafe`).
fn names(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + word.len()..].chars().next();
        let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !part(before) && !part(after)
    })
}

#[test]
fn git2_and_unsafe_only_in_src_git() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let inside = root.join("src").join("git");
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with(&inside)) {
        let text = std::fs::read_to_string(file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if names(code, "git2") || names(code, "libgit2_sys") || names(code, "unsafe") {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "outside src/git/:\n{}", found.join("\n"));
    assert!(files.len() > 100, "the sources were found");
}
