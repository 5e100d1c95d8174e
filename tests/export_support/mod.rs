//! What the export, schema, init and help tests share: a plans folder of
//! the test's own, and the real binary run in it with a home of its own
//! (no git identity, so `--me` is only what a test says).
#![allow(dead_code)]

use std::path::Path;

use tempfile::TempDir;

/// What one run printed, as bytes (a CSV starts with a byte-order mark,
/// a calendar has CRLF line ends: nothing may be lost on the way).
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    pub fn text(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }
}

/// A folder with these files (paths relative to it).
pub fn folder(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    dir
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

/// Runs `ringboard ARGS` in `dir` with a home of its own and no date,
/// identity or colour from the environment; a panic fails the test.
pub fn ringboard(dir: &Path, args: &[&str]) -> Run {
    ringboard_with(dir, args, &[])
}

/// [`ringboard`] with these environment variables set.
pub fn ringboard_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let home = TempDir::new().expect("home");
    let out = assert_cmd::Command::cargo_bin("ringboard")
        .expect("binary")
        .current_dir(dir)
        .args(args)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env_remove("RINGBOARD_TODAY")
        .env_remove("RINGBOARD_ME")
        .env_remove("NO_COLOR")
        .env_remove("GIT_DIR")
        .envs(env.iter().copied())
        .output()
        .expect("run");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// [`ringboard`] that must succeed; its stdout.
pub fn ok(dir: &Path, args: &[&str]) -> Run {
    let run = ringboard(dir, args);
    assert_eq!(run.code, 0, "ringboard {args:?}: {}", run.stderr);
    run
}

/// A roster with a few people, for plans written in a test.
pub const PEOPLE: &str = r#"
[[person]]
id = "mei"
name = "林美 (Mei Lin)"
ring = "core"
contact = "mei@example.com"

[[person]]
id = "ana"
name = "Ana Souza"
ring = "core"

[[person]]
id = "wei"
name = "王伟"
ring = "extended"
"#;
