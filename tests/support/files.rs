//! Plans folders on disk without git: files written where a test says,
//! and copies of this repository's example boards.
#![allow(dead_code)]

use std::path::Path;

use tempfile::TempDir;

/// Writes `content` at `rel` under `root`, making the folders on the way.
pub fn write(root: &Path, rel: &str, content: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, content).expect("write");
}

/// A folder with these files (paths relative to it).
pub fn folder(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    for (rel, text) in files {
        write(dir.path(), rel, text);
    }
    dir
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A copy of this repository's example boards.
pub fn examples() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("boards"),
        &dir.path().join("boards"),
    );
    dir
}

/// A copy of the board's fixture (`tests/fixtures/board`): long Chinese,
/// Korean and Japanese names and titles, a hand-off across programs.
pub fn board_fixture() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/board/boards"),
        &dir.path().join("boards"),
    );
    dir
}
