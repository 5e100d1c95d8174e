//! The write path (`set`, `add`, `--commit`), each test on a real
//! temporary git repository: byte-exact edits over a corpus of plan files
//! (`tests/fixtures/write/`), a property test on generated plans, every
//! refusal writing nothing, and commits of one file.

mod support;

#[path = "write_path/commit.rs"]
mod commit;
#[path = "write_path/corpus.rs"]
mod corpus;
#[path = "write_path/props.rs"]
mod props;
#[path = "write_path/refusals.rs"]
mod refusals;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use support::gitrepo::{MONDAY, TestRepo};

pub use support::cli::{empty_home, ringboard_in_home};

/// A plans repository holding the roster and these files (paths under
/// `boards/`), committed, with a git identity in its own configuration.
pub fn repo_with(files: &[(&str, &str)]) -> TestRepo {
    let repo = TestRepo::with_plans(files);
    repo.commit("Mei Lin", MONDAY, "plans");
    repo.set_identity("Ana Souza", "ana@example.com");
    repo
}

/// Every byte a write could touch: each file of the working tree, the
/// index, and what HEAD points at.
#[derive(Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub files: BTreeMap<PathBuf, Vec<u8>>,
    pub index: Vec<u8>,
    pub head: Option<git2::Oid>,
}

pub fn snapshot(repo: &TestRepo) -> Snapshot {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            let rel = path.strip_prefix(root).expect("inside").to_path_buf();
            let meta = std::fs::symlink_metadata(&path).expect("meta");
            if meta.is_dir() {
                walk(&path, root, out);
            } else if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).expect("link");
                out.insert(rel, target.to_string_lossy().as_bytes().to_vec());
            } else {
                out.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(repo.path(), repo.path(), &mut files);
    Snapshot {
        files,
        index: std::fs::read(repo.path().join(".git/index")).unwrap_or_default(),
        head: repo.repo.head().ok().and_then(|h| h.target()),
    }
}
