//! Writing in a shared repository (docs/cli.md version 3): several terminals,
//! scripts, editors and git itself touch the plans at once. Concurrent
//! writers all land, `--commit` follows the repository's own rules
//! (hooks, signing, filters, locks, index flags, a `.git` file), files
//! keep what they were, and requests mean what they say. Each test runs
//! on a real temporary git repository and the real binary.

mod support;

#[path = "shared_repo/commit_rules.rs"]
mod commit_rules;
#[path = "shared_repo/files.rs"]
mod files;
#[path = "shared_repo/lost_update.rs"]
mod lost_update;
#[path = "shared_repo/requests.rs"]
mod requests;

use std::path::Path;
use std::process::Command;

use support::gitrepo::{MONDAY, SPRING, TestRepo};

pub use support::cli::{Run, empty_home, ringboard_in_home};

/// The roster and [`SPRING`] as `boards/spring.toml`, committed, with a
/// git identity in the repository's own configuration.
pub fn spring_repo() -> TestRepo {
    let repo = TestRepo::with_plans(&[("spring.toml", SPRING)]);
    repo.commit("Mei Lin", MONDAY, "plans");
    repo.set_identity("Ana Souza", "ana@example.com");
    repo
}

/// `git ARGS` in `dir` with an empty home: it must succeed; its stdout.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let home = empty_home();
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `ringboard ARGS` in `dir`, with an empty home (only the repository's
/// own git configuration counts).
pub fn run(dir: &Path, args: &[&str]) -> Run {
    let home = empty_home();
    ringboard_in_home(dir, home.path(), args)
}

/// An executable script at `path`.
pub fn script(path: &Path, body: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, body).expect("write script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
}

/// The one line a refusal prints: exit 2, one line on stderr holding
/// each of `words`.
pub fn refused_with(run: &Run, words: &[&str]) {
    assert_eq!(run.code, 2, "exit status: {}", run.stderr);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
    for w in words {
        assert!(run.stderr.contains(w), "no {w:?} in: {}", run.stderr);
    }
}
